import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareJob, readJobSettings } from '../../helpers/completion';
import { CREATE_ENDPOINTS } from '../../helpers/jobs';
import { getBoolean, getOption, getString, getUrl } from '../../helpers/validation';
import { jobCompletionFields } from '../common.descriptions';
import type { PreparedRun } from '../types';
import {
	AUDIO_TYPES,
	audioTypeField,
	audioUrlField,
	extendPromptOption,
	imageUrlField,
	negativePromptOption,
	promptField,
} from './shared';

const RESOLUTIONS = ['720p', '1080p', '4k'] as const;
const LENGTHS = [5, 10] as const;

const properties: INodeProperties[] = [
	imageUrlField,
	{ ...promptField, description: 'What should happen in the video (ignored when an effect is chosen)' },
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: [
			{ name: '720p', value: '720p' },
			{ name: '1080p', value: '1080p' },
			{ name: '4K', value: '4k' },
		],
		default: '720p',
	},
	{
		displayName: 'Video Length',
		name: 'videoLength',
		type: 'options',
		options: [
			{ name: '5 Seconds', value: 5 },
			{ name: '10 Seconds (Pro Plan)', value: 10 },
		],
		default: 5,
	},
	audioTypeField,
	audioUrlField,
	...jobCompletionFields({
		waitForCallback: true,
		webhookUrl: true,
		extraOptions: [
			negativePromptOption,
			extendPromptOption,
			{
				displayName: 'Premium Model',
				name: 'premiumModel',
				type: 'boolean',
				default: false,
				description: 'Whether to use the faster premium model (Pro plan)',
			},
			{
				displayName: 'Effect Name or ID',
				name: 'effectCode',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getImageToVideoEffects' },
				default: '',
				description:
					'Apply a ready-made effect instead of the prompt. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	}),
];

const displayOptions = { show: { resource: ['imageToVideo'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const audioType = getOption(this, 'audioType', i, 'Audio', [1, 2, 3] as const, AUDIO_TYPES.none);
	const body: IDataObject = {
		image_url: getUrl.call(this, 'imageUrl', i, 'Image URL'),
		prompt: getString.call(this, 'prompt', i, 'Prompt', { required: true, maxLength: 5000 }),
		// Akool's table marks negative_prompt as required, so it is always sent.
		negative_prompt: getString.call(this, 'options.negativePrompt', i, 'Negative Prompt', { maxLength: 1000 }),
		extend_prompt: getBoolean.call(this, 'options.extendPrompt', i, 'Extend Prompt'),
		resolution: getOption(this, 'resolution', i, 'Resolution', RESOLUTIONS, '720p'),
		video_length: getOption(this, 'videoLength', i, 'Video Length', LENGTHS, 5),
		audio_type: audioType,
	};
	if (audioType === AUDIO_TYPES.url) body.audio_url = getUrl.call(this, 'audioUrl', i, 'Audio URL');
	if (getBoolean.call(this, 'options.premiumModel', i, 'Premium Model')) body.is_premium_model = true;
	const effectCode = getString.call(this, 'options.effectCode', i, 'Effect Name or ID');
	if (effectCode) body.effect_code = effectCode;
	const settings = readJobSettings.call(this, i, { completion: true, waitForCallback: true, webhookUrl: true });
	return prepareJob.call(this, i, CREATE_ENDPOINTS['imageToVideo.create'], body, settings);
}
