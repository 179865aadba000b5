import type { IDataObject } from 'n8n-workflow';

import { detectFaces } from '../../helpers/detection';
import { invalidField } from '../../helpers/validation';
import { defineAction, omit } from '../define';
import { checkImageSize, imageAsBase64 } from './imageInput';

/** Image types detect_faces reads from `img` (akool-api.md §4.3). */
const IMAGE_TYPES = ['image/jpeg', 'image/jpg', 'image/png', 'image/bmp', 'image/webp'];

export const detect = defineAction({
	value: 'detect',
	name: 'Detect',
	action: 'Detect faces in an image or video',
	description: 'Find the faces, their boxes and landmarks in a picture (from a URL or an input file) or in video frames',
	fields: [
		{
			name: 'source',
			label: 'Source',
			type: 'options',
			options: [
				{ name: 'URL', value: 'url', description: 'A public image or video link' },
				{ name: 'Binary File', value: 'binary', description: 'An image in a binary field of the input item' },
			],
			default: 'url',
		},
		{ name: 'url', akool: 'url', label: 'Image or Video URL', type: 'url', required: true, show: { source: ['url'] }, placeholder: 'https://example.com/photo.jpg', description: 'JPG, PNG, BMP or WEBP image; MP4, MOV, AVI or WEBM video' },
		{ name: 'binaryPropertyName', label: 'Input Binary Field', type: 'string', required: true, default: 'data', show: { source: ['binary'] }, hint: 'The name of the input binary field holding the image' },
		{ name: 'numFrames', akool: 'num_frames', label: 'Video Frames', type: 'number', optional: true, integer: true, min: 1, max: 100, default: 5, description: 'How many frames of a video to analyse (videos only)' },
		{ name: 'returnFaceUrls', akool: 'return_face_url', label: 'Return Face URLs', type: 'boolean', optional: true, default: false, description: 'Whether to also return a cropped picture of each face (for Face Swap Plus mappings)' },
		{ name: 'singleFace', akool: 'single_face', label: 'Largest Face Only', type: 'boolean', optional: true, default: false, description: 'Whether to return only the largest face per frame' },
	],
	check({ i, values }) {
		if (values.source !== 'binary') return;
		const field = values.binaryPropertyName as string;
		const binary = this.helpers.assertBinaryData(i, field);
		if (!IMAGE_TYPES.includes(binary.mimeType.toLowerCase())) {
			throw invalidField(this, i, 'Input Binary Field', `holds "${binary.mimeType}", not a JPG, PNG, BMP or WEBP image`, 'Detect faces in a video from its URL instead.');
		}
		// Before any item is read or sent: a file over the cap, by its known size (R12).
		checkImageSize(this, i, binary);
	},
	async run({ i, values, body }) {
		const request: IDataObject = { ...body };
		if (values.source === 'binary') request.img = await imageAsBase64.call(this, i, values.binaryPropertyName as string);
		const answer = omit(await detectFaces.call(this, request, i), ['error_code', 'error_msg']);
		const frames = (answer.faces_obj ?? {}) as Record<string, IDataObject>;
		const faceCount = Object.values(frames).reduce((n, frame) => n + (Array.isArray(frame?.region) ? frame.region.length : 0), 0);
		return { faceCount, ...answer };
	},
});
