import type { IDataObject } from 'n8n-workflow';

import { listModels, MODEL_TYPES } from '../../helpers/catalog';
import { invalidField } from '../../helpers/validation';
import { defineCreate, omit } from '../define';
import { extendPromptOption, imageUrlField, negativePromptOption, promptField } from './shared';

export const createBatch = defineCreate({
	value: 'createBatch',
	name: 'Create Batch',
	action: 'Create several videos from an image',
	description: 'Generate 1–10 videos from one image with a chosen model',
	endpoint: 'imageToVideo.createBatch',
	fields: [
		imageUrlField,
		promptField,
		{ name: 'modelName', akool: 'model_name', label: 'Model Name or ID', type: 'dynamicOptions', required: true, loadOptionsMethod: 'getImageToVideoModels', description: 'Image-to-video model; each supports its own resolutions and lengths' },
		// Both lists follow the chosen model (its resolutionList and durationList).
		{ name: 'resolution', akool: 'resolution', label: 'Resolution', type: 'dynamicOptions', loadOptionsMethod: 'getImageToVideoResolutions', dependsOn: ['modelName'], description: "One of the chosen model's resolutions, with its price (the list follows the model; some models choose it themselves)" },
		{ name: 'videoLength', akool: 'video_length', label: 'Video Length (Seconds)', type: 'dynamicOptions', numeric: { min: 1, max: 60, integer: true }, loadOptionsMethod: 'getImageToVideoLengths', dependsOn: ['modelName'], description: "One of the chosen model's video lengths" },
		{ name: 'count', akool: 'count', label: 'Number of Videos', type: 'number', min: 1, max: 10, integer: true, default: 1, description: 'How many variations to generate (1–10); each is a job and one output item' },
		negativePromptOption,
		extendPromptOption,
		{ name: 'lastImageUrl', akool: 'last_image_url', label: 'Last Frame Image URL', type: 'url', optional: true, description: 'Public link to an image the video should end on (models that support a last frame)' },
	],
	// The request follows the model (free model list, read before the paid create): no
	// resolution where the model lists none (Kling V3), and only lengths and resolutions it lists.
	async resolve({ i, body }) {
		const models = await listModels.call(this, MODEL_TYPES.imageToVideo, i);
		const model = models.find((entry) => entry.value === body.model_name);
		if (!model) {
			throw invalidField(this, i, 'Model Name or ID', `"${String(body.model_name)}" is not one of Akool's image-to-video models`, 'Choose the model from the list. No job was created.');
		}
		const resolutions = ((model.resolutionList as IDataObject[] | undefined) ?? []).map((entry) => String(entry.value));
		const lengths = ((model.durationList as unknown[] | undefined) ?? []).map(Number);
		const chosen = (value: unknown) => (value === undefined ? 'nothing' : `"${String(value)}"`);
		if (lengths.length && !lengths.includes(Number(body.video_length))) {
			throw invalidField(this, i, 'Video Length (Seconds)', `must be one of ${lengths.join(', ')} for this model, got ${chosen(body.video_length)}`, 'Choose it from the list. No job was created.');
		}
		if (resolutions.length === 0) return omit(body, ['resolution']);
		if (!resolutions.includes(String(body.resolution))) {
			throw invalidField(this, i, 'Resolution', `must be one of ${resolutions.join(', ')} for this model, got ${chosen(body.resolution)}`, 'Choose it from the list. No job was created.');
		}
		return body;
	},
});
