import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareJob, readJobSettings } from '../../helpers/completion';
import { CREATE_ENDPOINTS } from '../../helpers/jobs';
import { getOption, getString, getUrl } from '../../helpers/validation';
import { jobCompletionFields } from '../common.descriptions';
import type { PreparedRun } from '../types';

// Talking photo spells resolutions without the "p" (akool-api.md §4.5).
const RESOLUTIONS = ['720', '1080'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Photo URL',
		name: 'photoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/portrait.jpg',
		description: 'Public link to the photo of the person who will talk',
	},
	{
		displayName: 'Audio URL',
		name: 'audioUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/speech.mp3',
		description: 'Public link to the speech (MP3 recommended). The audio length sets the video length.',
	},
	...jobCompletionFields({
		waitForCallback: true,
		webhookUrl: true,
		extraOptions: [
			{
				displayName: 'Prompt',
				name: 'prompt',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Optional guidance for gestures and movement',
			},
			{
				displayName: 'Resolution',
				name: 'resolution',
				type: 'options',
				options: [
					{ name: '720p', value: '720' },
					{ name: '1080p', value: '1080' },
				],
				default: '720',
			},
		],
	}),
];

const displayOptions = { show: { resource: ['talkingPhoto'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const body: Record<string, string> = {
		talking_photo_url: getUrl.call(this, 'photoUrl', i, 'Photo URL'),
		audio_url: getUrl.call(this, 'audioUrl', i, 'Audio URL'),
	};
	const prompt = getString.call(this, 'options.prompt', i, 'Prompt', { maxLength: 2000 });
	if (prompt) body.prompt = prompt;
	const options = this.getNodeParameter('options', i, {}) as Record<string, unknown>;
	if (options.resolution !== undefined) {
		body.resolution = getOption(this, 'options.resolution', i, 'Resolution', RESOLUTIONS, '720');
	}
	const settings = readJobSettings.call(this, i, { completion: true, waitForCallback: true, webhookUrl: true });
	return prepareJob.call(this, i, CREATE_ENDPOINTS['talkingPhoto.create'], body, settings);
}
