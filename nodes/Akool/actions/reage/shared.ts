import { faceOf } from '../../helpers/detection';
import { defineCreate } from '../define';

/**
 * Reage of a picture or a video (v3): `targetImage` is the face crop and its crop landmarks from the free face
 * detection (reage.mdx: `path` "Links to faces detected in target images", its example a crop; the choice and its
 * fallback: helpers/detection.ts faceOf); the whole picture or video is modifyImage / modifyVideo.
 */
export function reage(media: 'image' | 'video') {
	const video = media === 'video';
	const field = video ? 'videoUrl' : 'imageUrl';
	const label = video ? 'Video URL' : 'Image URL';
	return defineCreate({
		value: media,
		name: video ? 'Video' : 'Image',
		action: `Make a face in ${video ? 'a video' : 'an image'} older or younger`,
		description: `Change the apparent age of the main face in a ${video ? 'video' : 'picture'}. The node finds the face itself.`,
		endpoint: video ? 'reage.video' : 'reage.image',
		fields: [
			{
				name: field,
				label,
				type: 'url',
				required: true,
				placeholder: video ? 'https://example.com/clip.mp4' : 'https://example.com/portrait.jpg',
				description: `Public link to the ${video ? 'video (MP4, MOV, AVI or WEBM)' : 'picture'}; the largest face is changed`,
			},
			{
				name: 'age',
				akool: 'face_reage',
				label: 'Age Change (Years)',
				type: 'number',
				integer: true,
				min: -30,
				max: 30,
				default: 10,
				description: 'How many years older (positive) or younger (negative) the face should look, −30 to 30',
			},
		],
		async resolve({ i, values, body }) {
			const face = await faceOf.call(this, values[field] as string, label, i, video);
			return { ...body, targetImage: [face], [video ? 'modifyVideo' : 'modifyImage']: values[field] as string };
		},
	});
}
