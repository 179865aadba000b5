import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareJob, readJobSettings } from '../../helpers/completion';
import { CREATE_ENDPOINTS } from '../../helpers/jobs';
import { getOption, getString, getUrl } from '../../helpers/validation';
import { jobCompletionFields } from '../common.descriptions';
import type { PreparedRun } from '../types';
import { AUDIO_TYPES, audioTypeField, audioUrlField } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Video ID',
		name: 'videoId',
		type: 'string',
		required: true,
		default: '',
		description: 'The job ID of a finished image-to-video video',
	},
	{
		...audioTypeField,
		options: audioTypeField.options?.filter((option) => 'value' in option && option.value !== AUDIO_TYPES.none),
		default: 1,
	},
	audioUrlField,
	// Akool documents no webhook field for this endpoint: polling only.
	...jobCompletionFields({ waitForCallback: false, webhookUrl: false }),
];

const displayOptions = { show: { resource: ['imageToVideo'], operation: ['updateAudio'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const audioType = getOption(this, 'audioType', i, 'Audio', [1, 2] as const, AUDIO_TYPES.ai);
	const body: IDataObject = {
		pre_video_id: getString.call(this, 'videoId', i, 'Video ID', { required: true }),
		audio_type: audioType,
	};
	if (audioType === AUDIO_TYPES.url) body.audio_url = getUrl.call(this, 'audioUrl', i, 'Audio URL');
	const settings = readJobSettings.call(this, i, { completion: true, waitForCallback: false, webhookUrl: false });
	return prepareJob.call(this, i, CREATE_ENDPOINTS['imageToVideo.updateAudio'], body, settings);
}
