import { invalidField } from '../../helpers/validation';
import { defineCreate, omit } from '../define';
import { modelField } from './shared';

const faceIndex = (name: string, akool: string, label: string, description: string) =>
	({ name, akool, label, type: 'number', integer: true, min: 0, default: 0, description }) as const;

export const hairSwap = defineCreate({
	value: 'hairSwap',
	name: 'Hair Swap',
	action: 'Try hairstyles on a portrait (V5)',
	description: 'Give a portrait the hairstyles of reference pictures: one result per hairstyle, or one combined result for several faces',
	endpoint: 'swapStudio.hairSwap',
	fields: [
		{ name: 'targetUrl', akool: 'target_url', label: 'Portrait URL', type: 'url', required: true, placeholder: 'https://example.com/portrait.jpg', description: 'Public link to the portrait; hair and face clearly visible' },
		{
			name: 'references',
			label: 'References',
			type: 'options',
			options: [
				{ name: 'Hairstyle Images', value: 'images', description: 'Each image makes its own result (one output item each)' },
				{ name: 'Per-Face Mappings', value: 'mappings', description: 'Several faces of a group portrait in one result' },
			],
			default: 'images',
		},
		{ name: 'imageUrls', akool: 'images', label: 'Hairstyle Image URLs', type: 'urlList', required: true, min: 1, max: 50, show: { references: ['images'] }, description: 'Public links to 1–50 hairstyle pictures (at most 12 with Multi-Shot)' },
		{
			name: 'mappings',
			akool: 'mappings',
			label: 'Mappings',
			type: 'list',
			itemLabel: 'Mapping',
			required: true,
			min: 1,
			max: 50,
			show: { references: ['mappings'] },
			description: 'Which face of the portrait gets which hairstyle; each portrait face once',
			fields: [
				{ name: 'sourceUrl', akool: 'source_url', label: 'Hairstyle Image URL', type: 'url', required: true },
				faceIndex('targetFaceIndex', 'target_face_index', 'Portrait Face Index', 'Which face of the portrait (0 = first)'),
				faceIndex('sourceFaceIndex', 'source_face_index', 'Hairstyle Face Index', 'Which face of the hairstyle picture (0 = first)'),
			],
		},
		{ ...faceIndex('targetFaceIndex', 'target_face_index', 'Portrait Face Index', 'Hairstyle images: which face of the portrait (0 = first)'), optional: true },
		{ ...faceIndex('sourceFaceIndex', 'source_face_index', 'Hairstyle Face Index', 'Hairstyle images: which face of each hairstyle picture (0 = first)'), optional: true },
		{ name: 'multiShot', akool: 'multi_shot', label: 'Multi-Shot', type: 'boolean', optional: true, default: false, description: 'Whether to get four variations per result (one person in the portrait, at most 12 references)' },
		modelField(false),
	],
	check({ i, values, body }) {
		const references = (values.references === 'images' ? body.images : body.mappings) as unknown[];
		if (body.multi_shot === true && references.length > 12) {
			throw invalidField(this, i, 'Multi-Shot', `allows at most 12 references (got ${references.length})`);
		}
		if (values.references === 'mappings') {
			const faces = (body.mappings as Array<{ target_face_index?: number }>).map((mapping) => mapping.target_face_index);
			if (new Set(faces).size !== faces.length) throw invalidField(this, i, 'Mappings', 'uses a portrait face twice', 'Each face of the portrait can get one hairstyle.');
			// Top-level face indexes apply to hairstyle images only (Akool ignores them with mappings).
			return omit(body, ['target_face_index', 'source_face_index']);
		}
		return undefined;
	},
});
