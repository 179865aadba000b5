import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareJob, readJobSettings } from '../../helpers/completion';
import { CREATE_ENDPOINTS } from '../../helpers/jobs';
import { getBoolean, getNumber, getOption, getString, getUrl } from '../../helpers/validation';
import { jobCompletionFields } from '../common.descriptions';
import type { PreparedRun } from '../types';
import { extendPromptOption, imageUrlField, negativePromptOption, promptField } from './shared';

const RESOLUTIONS = ['480p', '720p', '1080p', '4k'] as const;

const properties: INodeProperties[] = [
	imageUrlField,
	promptField,
	{
		displayName: 'Model Name or ID',
		name: 'modelName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getImageToVideoModels' },
		required: true,
		default: '',
		description:
			'Image-to-video model; each supports its own resolutions and lengths. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: [
			{ name: '480p', value: '480p' },
			{ name: '720p', value: '720p' },
			{ name: '1080p', value: '1080p' },
			{ name: '4K', value: '4k' },
		],
		default: '720p',
		description: 'Must be one of the resolutions the chosen model lists',
	},
	{
		displayName: 'Video Length (Seconds)',
		name: 'videoLength',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 60 },
		default: 5,
		description: 'Must be one of the lengths the chosen model lists (usually 5 or 10)',
	},
	{
		displayName: 'Number of Videos',
		name: 'count',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 1,
		description: 'How many variations to generate (1–10); each is a job and one output item',
	},
	...jobCompletionFields({
		waitForCallback: false,
		webhookUrl: true,
		extraOptions: [
			negativePromptOption,
			extendPromptOption,
			{
				displayName: 'Last Frame Image URL',
				name: 'lastImageUrl',
				type: 'string',
				default: '',
				description: 'Public link to an image the video should end on (models that support a last frame)',
			},
		],
	}),
];

const displayOptions = { show: { resource: ['imageToVideo'], operation: ['createBatch'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const body: IDataObject = {
		image_url: getUrl.call(this, 'imageUrl', i, 'Image URL'),
		prompt: getString.call(this, 'prompt', i, 'Prompt', { required: true, maxLength: 5000 }),
		model_name: getString.call(this, 'modelName', i, 'Model Name or ID', { required: true }),
		resolution: getOption(this, 'resolution', i, 'Resolution', RESOLUTIONS, '720p'),
		video_length: getNumber.call(this, 'videoLength', i, 'Video Length (Seconds)', { min: 1, max: 60, integer: true }),
		count: getNumber.call(this, 'count', i, 'Number of Videos', { min: 1, max: 10, integer: true, fallback: 1 }),
	};
	const negativePrompt = getString.call(this, 'options.negativePrompt', i, 'Negative Prompt', { maxLength: 1000 });
	if (negativePrompt) body.negative_prompt = negativePrompt;
	if (getBoolean.call(this, 'options.extendPrompt', i, 'Extend Prompt')) body.extend_prompt = true;
	const lastImage = getUrl.call(this, 'options.lastImageUrl', i, 'Last Frame Image URL', { required: false });
	if (lastImage) body.last_image_url = lastImage;
	const settings = readJobSettings.call(this, i, { completion: true, waitForCallback: false, webhookUrl: true });
	return prepareJob.call(this, i, CREATE_ENDPOINTS['imageToVideo.createBatch'], body, settings);
}
