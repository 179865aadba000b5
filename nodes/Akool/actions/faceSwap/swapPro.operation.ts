import { defineCreate } from '../define';
import { faceEnhanceV4, sourceFaceField } from './shared';

export const swapPro = defineCreate({
	value: 'swapPro',
	name: 'Swap Pro',
	action: 'Swap a face with Face Swap Pro',
	description: 'Highest-quality single-face swap in an image (v4 Pro); no face detection needed',
	endpoint: 'faceSwap.swapPro',
	// The only model Akool offers for this endpoint.
	constant: { model_name: 'akool_faceswap_image_hq' },
	fields: [
		{ ...sourceFaceField, akool: 'sourceImage' },
		{ name: 'targetImageUrl', akool: 'targetImage', label: 'Target Image URL', type: 'url', required: true, placeholder: 'https://example.com/photo.jpg', description: 'Public link to the picture whose face is replaced' },
		faceEnhanceV4,
		{ name: 'singleFaceMode', akool: 'single_face_mode', label: 'Single Face Mode', type: 'boolean', optional: true, default: false, description: 'Whether to replace only the largest face of the target picture' },
	],
	// One pair of faces: Akool needs no landmarks (`opts`) when both lists have one picture.
	check: ({ body }) => ({ ...body, sourceImage: [{ path: body.sourceImage }], targetImage: [{ path: body.targetImage }] }),
});
