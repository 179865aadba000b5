import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareJob, readJobSettings } from '../../helpers/completion';
import { CREATE_ENDPOINTS } from '../../helpers/jobs';
import { getNumber, getOption, getString, getUrl } from '../../helpers/validation';
import { jobCompletionFields } from '../common.descriptions';
import type { PreparedRun } from '../types';

const MODES = ['animate', 'replace'] as const;
const RESOLUTIONS = ['480p', '720p', '1080p'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/character.png',
		description: 'Public link to the character image (PNG or JPEG)',
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/motion.mp4',
		description: 'Public link to the video whose motion is used (MP4)',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Animate', value: 'animate', description: "Animate the image with the video's motion" },
			{ name: 'Replace', value: 'replace', description: 'Put the character into the video' },
		],
		default: 'animate',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: RESOLUTIONS.map((value) => ({ name: value, value })),
		default: '720p',
		description: 'Output resolution. Akool bills per started 5 seconds: 480p 5, 720p 10, 1080p 15 credits.',
	},
	...jobCompletionFields({
		waitForCallback: true,
		webhookUrl: true,
		extraOptions: [
			{
				displayName: 'Duration (Seconds)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 120 },
				default: 10,
				description: 'Length of the output video, 1–120 seconds. Without it Akool uses the video length.',
			},
			{
				displayName: 'Prompt',
				name: 'prompt',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Optional guidance for the generation, up to 500 characters',
			},
			{
				displayName: 'Model Name or ID',
				name: 'modelName',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCharacterSwapModels' },
				default: '',
				description:
					'Character swap model. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	}),
];

const displayOptions = { show: { resource: ['characterSwap'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const body: Record<string, string | number> = {
		image: getUrl.call(this, 'imageUrl', i, 'Image URL'),
		video: getUrl.call(this, 'videoUrl', i, 'Video URL'),
		mode: getOption(this, 'mode', i, 'Mode', MODES, 'animate'),
		resolution: getOption(this, 'resolution', i, 'Resolution', RESOLUTIONS, '720p'),
	};
	const options = this.getNodeParameter('options', i, {}) as Record<string, unknown>;
	if (options.duration !== undefined) {
		body.duration = getNumber.call(this, 'options.duration', i, 'Duration (Seconds)', { min: 1, max: 120 });
	}
	const prompt = getString.call(this, 'options.prompt', i, 'Prompt', { maxLength: 500 });
	if (prompt) body.prompt = prompt;
	const modelName = getString.call(this, 'options.modelName', i, 'Model Name or ID');
	if (modelName) body.model_name = modelName;
	const settings = readJobSettings.call(this, i, { completion: true, waitForCallback: true, webhookUrl: true });
	return prepareJob.call(this, i, CREATE_ENDPOINTS['characterSwap.create'], body, settings);
}
