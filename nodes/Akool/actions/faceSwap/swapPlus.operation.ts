import { defineCreate } from '../define';
import { faceEnhanceV4 } from './shared';

export const swapPlus = defineCreate({
	value: 'swapPlus',
	name: 'Swap Plus',
	action: 'Swap faces with Face Swap Plus',
	description: 'Face swap in an image or a video (v4 Plus): the largest face, or several faces mapped one by one',
	endpoint: 'faceSwap.swapPlus',
	fields: [
		{ name: 'sourceImageUrl', akool: 'source_url', label: 'Source Face Image URL', type: 'url', required: true, placeholder: 'https://example.com/face.jpg', description: 'Public link to a picture of the new face' },
		{ name: 'targetUrl', akool: 'target_url', label: 'Target Image or Video URL', type: 'url', required: true, placeholder: 'https://example.com/clip.mp4', description: 'Public link to the picture or video whose faces are replaced (video: under 60 s, at most 8 faces)' },
		{
			name: 'faceMode',
			label: 'Faces',
			type: 'options',
			options: [
				{ name: 'Largest Face', value: 'single', description: 'Replace the largest face with the source face' },
				{ name: 'Mapped Faces', value: 'mapped', description: 'Say which source face replaces which target face (from Face Detection)' },
			],
			default: 'single',
		},
		{
			name: 'faceMapping',
			akool: 'face_mapping',
			label: 'Face Mappings',
			type: 'list',
			itemLabel: 'Mapping',
			required: true,
			min: 1,
			max: 8,
			show: { faceMode: ['mapped'] },
			description: 'Pairs of faces; face URLs and boxes come from Face Detection (Return Face URLs)',
			fields: [
				{ name: 'sourceFaceUrl', akool: 'source_face_info.face_url', label: 'Source Face URL', type: 'url', required: true, description: 'A cropped face, or the original picture with its box' },
				{ name: 'sourceBox', akool: 'source_face_info.bbox', label: 'Source Face Box', type: 'numberList', length: 4, min: 0, placeholder: 'x1, y1, x2, y2', description: 'Needed when the face URL is an uncropped picture' },
				{ name: 'targetFaceUrl', akool: 'target_face_info.face_url', label: 'Target Face URL', type: 'url', description: 'The face to replace: a cropped face, or the original frame with its box' },
				{ name: 'targetBox', akool: 'target_face_info.bbox', label: 'Target Face Box', type: 'numberList', length: 4, min: 0, placeholder: 'x1, y1, x2, y2' },
			],
		},
		{
			name: 'modelStyle',
			akool: 'model_style',
			label: 'Style',
			type: 'options',
			optional: true,
			options: [
				{ name: 'Realistic', value: 'realistic' },
				{ name: 'Beautify', value: 'beautify' },
				{ name: 'Lossless', value: 'lossless' },
			],
			default: 'realistic',
		},
		faceEnhanceV4,
	],
	check: ({ values, body }) => ({ ...body, single_face_mode: values.faceMode === 'single' }),
});
