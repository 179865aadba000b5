import type { IDataObject } from 'n8n-workflow';

import { invalidField } from '../../helpers/validation';
import { defineCreate } from '../define';
import { voiceLocator } from '../fields';

/** Akool's talking-avatar canvas: the docs require exactly 3840 × 2160 (akool-api.md §4.8 #24). */
const CANVAS = { width: 3840, height: 2160 };

export const createVideo = defineCreate({
	value: 'createVideo',
	name: 'Create Video',
	action: 'Create a talking avatar video',
	description: 'An avatar speaks a text (with a voice) or an audio file, over an optional background and images',
	endpoint: 'talkingAvatar.createVideo',
	fields: [
		{
			name: 'avatarFrom',
			akool: 'avatar_from',
			label: 'Avatar Source',
			type: 'options',
			options: [
				{ name: 'Akool or Uploaded Avatar', value: 2, description: 'Choose from the avatar list (Akool avatars and yours)' },
				{ name: 'Avatar Video URL', value: 3, description: 'A video of a person that becomes the avatar' },
			],
			default: 2,
		},
		{ name: 'avatarId', label: 'Avatar', type: 'locator', searchListMethod: 'searchAvatars', required: true, show: { avatarFrom: [2] }, idPlaceholder: 'dvp_Tristan_cloth2_1080P', description: 'The avatar that speaks' },
		{ name: 'avatarUrl', label: 'Avatar Video URL', type: 'url', required: true, show: { avatarFrom: [3] }, placeholder: 'https://example.com/me.mp4', description: 'Public link to the avatar video (MP4, MOV or AVI)' },
		{
			name: 'speech',
			label: 'Speech',
			type: 'options',
			options: [
				{ name: 'Text and Voice', value: 'text', description: 'Akool speaks the text with a voice' },
				{ name: 'Audio URL', value: 'audio', description: 'An audio file the avatar lip-syncs to' },
			],
			default: 'text',
		},
		{
			name: 'text',
			label: 'Text',
			type: 'string',
			rows: 4,
			maxLength: 50000,
			required: true,
			show: { speech: ['text'] },
			description: 'What the avatar says. Per request Akool allows 5,000 characters on Pro, 10,000 on Pro Max and 50,000 on Business.',
		},
		// The voice goes into the audio element (check), not into the top level of the body.
		{ ...voiceLocator, akool: undefined, show: { speech: ['text'] } },
		{ name: 'audioUrl', label: 'Audio URL', type: 'url', required: true, show: { speech: ['audio'] }, placeholder: 'https://example.com/speech.mp3', description: 'Public link to the speech audio' },
		{
			name: 'images',
			label: 'Images',
			type: 'list',
			itemLabel: 'Image',
			max: 10,
			description: 'Pictures placed on the 3840 × 2160 scene, e.g. a logo',
			fields: [
				{ name: 'url', akool: 'url', label: 'Image URL', type: 'url', required: true, description: 'PNG, JPG, JPEG or WEBP' },
				{ name: 'scale', akool: 'scale_x', label: 'Scale', type: 'number', min: 0.01, max: 100, default: 1 },
				{ name: 'offsetX', akool: 'offset_x', label: 'Offset X (Pixels)', type: 'number', integer: true, default: 0 },
				{ name: 'offsetY', akool: 'offset_y', label: 'Offset Y (Pixels)', type: 'number', integer: true, default: 0 },
			],
		},
		{ name: 'background', label: 'Background', type: 'string', optional: true, placeholder: 'https://example.com/studio.jpg or #1E90FF', description: 'A picture URL or a colour (#RRGGBB) behind the avatar' },
		{ name: 'avatarScale', label: 'Avatar Scale', type: 'number', optional: true, min: 0.01, max: 100, default: 1, description: 'Size of the avatar on the scene (1 = as is)' },
		{ name: 'avatarOffsetX', label: 'Avatar Offset X (Pixels)', type: 'number', optional: true, integer: true, default: 0 },
		{ name: 'avatarOffsetY', label: 'Avatar Offset Y (Pixels)', type: 'number', optional: true, integer: true, default: 0 },
	],
	// The scene: background, avatar, images, then the audio element (akool-api.md §4.8 #24).
	check({ i, values, body }) {
		const place = (scale: unknown, x: unknown, y: unknown): IDataObject => ({ scale_x: scale ?? 1, scale_y: scale ?? 1, offset_x: x ?? 0, offset_y: y ?? 0 });
		const elements: IDataObject[] = [];
		const background = values.background as string | undefined;
		if (background) {
			if (!/^#[0-9a-fA-F]{6}$/.test(background) && !/^https?:\/\/\S+$/.test(background)) {
				throw invalidField(this, i, 'Background', `must be a public http(s) picture URL or a colour like #1E90FF, got "${background.slice(0, 40)}"`);
			}
			elements.push({ type: 'image', url: background, ...place(1, 0, 0), ...CANVAS });
		}
		elements.push({
			type: 'avatar',
			...(values.avatarFrom === 2 ? { avatar_id: values.avatarId as string } : { url: values.avatarUrl as string }),
			...place(values.avatarScale, values.avatarOffsetX, values.avatarOffsetY),
			...CANVAS,
		});
		for (const image of (values.images as IDataObject[] | undefined) ?? []) {
			elements.push({ type: 'image', ...image, scale_y: image.scale_x });
		}
		elements.push(
			values.speech === 'text'
				? { type: 'audio', input_text: values.text as string, voice_id: values.voiceId as string }
				: { type: 'audio', url: values.audioUrl as string },
		);
		return { ...body, ...CANVAS, elements };
	},
});
