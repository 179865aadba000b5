import { faceOf } from '../../helpers/detection';
import { defineCreate } from '../define';
import type { Field } from '../define';

export const sourceFaceField: Field = {
	name: 'sourceImageUrl',
	label: 'Source Face Image URL',
	type: 'url',
	required: true,
	placeholder: 'https://example.com/face.jpg',
	description: 'Public link to a picture of the new face (one face, clearly visible)',
};

/** v3 face swap and reage: "HD Optimized" is the integer 1 (akool-api.md §6). */
export const faceEnhanceV3: Field = {
	name: 'faceEnhance',
	akool: 'face_enhance',
	label: 'Face Enhance',
	type: 'boolean',
	asInteger: true,
	optional: true,
	default: false,
	description: 'Whether to sharpen the swapped face ("HD Optimized")',
};

export const faceEnhanceV4: Field = { ...faceEnhanceV3, asInteger: false };

export const jobIdsField: Extract<Field, { type: 'idList' }> = {
	name: 'jobIds',
	akool: '_ids',
	label: 'Job IDs',
	type: 'idList',
	required: true,
	placeholder: '6593c94c0ef703e8c055e3c8, 6593c94c0ef703e8c055e3c9',
	description: 'The "jobId" values of face swap or reage jobs, separated by commas',
};

/**
 * Swap Image / Swap Video (v3): the user gives two URLs; v3 needs each face as {path, opts}, which
 * Akool's free face detection finds when the item runs, before the paid create: the face crop and its
 * crop landmarks (faceswap.yaml; why not the whole picture with landmarks_str: helpers/detection.ts faceOf).
 * The whole target stays in modifyImage / modifyVideo.
 */
export function v3Swap(media: 'image' | 'video') {
	const video = media === 'video';
	const target = video ? 'targetVideoUrl' : 'targetImageUrl';
	const label = video ? 'Target Video URL' : 'Target Image URL';
	return defineCreate({
		value: video ? 'swapVideo' : 'swapImage',
		name: video ? 'Swap Video' : 'Swap Image',
		action: video ? 'Swap a face in a video' : 'Swap a face in an image',
		description: `${video ? 'Face swap in a video' : 'High-quality face swap in a picture'} (v3): put the face of one picture onto the main face of the ${media}. The node finds the faces itself.`,
		endpoint: video ? 'faceSwap.swapVideo' : 'faceSwap.swapImage',
		fields: [
			sourceFaceField,
			{
				name: target,
				label,
				type: 'url',
				required: true,
				placeholder: video ? 'https://example.com/clip.mp4' : 'https://example.com/photo.jpg',
				description: `Public link to the ${media} whose face is replaced (the largest face${video ? '; MP4, MOV, AVI or WEBM' : ''})`,
			},
			faceEnhanceV3,
		],
		async resolve({ i, values, body }) {
			const source = await faceOf.call(this, values.sourceImageUrl as string, 'Source Face Image URL', i);
			const face = await faceOf.call(this, values[target] as string, label, i, video);
			return { ...body, sourceImage: [source], targetImage: [face], [video ? 'modifyVideo' : 'modifyImage']: values[target] as string };
		},
	});
}
