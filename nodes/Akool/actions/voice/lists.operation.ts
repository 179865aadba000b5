import type { IDataObject } from 'n8n-workflow';

import { JOB_FAMILIES } from '../../helpers/jobs';
import { fetchJob } from '../../helpers/polling';
import { akoolApiRequest } from '../../transport';
import { defineAction, defineList } from '../define';
import { legacy } from './shared';

/** VoiceLab voices, results and the legacy v3 voice list (akool-api.md §4.9, §4.10). */

export const listVoices = defineList({
	value: 'listVoices',
	name: 'List Voices',
	action: 'List voices',
	description: 'Your cloned voices or Akool\'s voices, optionally filtered (one item per voice)',
	fields: [
		{
			name: 'type',
			akool: 'type',
			label: 'Voices',
			type: 'options',
			options: [
				{ name: 'Akool Voices', value: 2 },
				{ name: 'My Cloned Voices', value: 1 },
			],
			default: 2,
		},
		{ name: 'name', akool: 'name', label: 'Name Contains', type: 'string', optional: true, maxLength: 100 },
		{ name: 'gender', akool: 'gender', label: 'Gender', type: 'string', optional: true, maxLength: 50, placeholder: 'Male', description: 'Comma-separated, e.g. Male' },
		{ name: 'style', akool: 'style', label: 'Style', type: 'string', optional: true, maxLength: 200, placeholder: 'Calm, Authoritative' },
	],
	list: (_values, query) => ({ endpoint: '/api/open/v4/voice/list', qs: query, listAt: 'result', pageSize: 100 }),
});

export const getVoice = defineAction({
	value: 'getVoice',
	name: 'Get Voice',
	action: 'Get a voice',
	description: 'Read one voice (e.g. a clone: its status, voice ID and preview)',
	fields: [{ name: 'voiceRecordId', label: 'Voice Record ID', type: 'idList', required: true, max: 1, description: 'The jobId (_id) of the voice, as Clone Voice or List Voices output it' }],
	// The voiceClone store's read (job table: id in the path).
	async run({ i, values }) {
		return (await fetchJob.call(this, JOB_FAMILIES.voiceClone, String(values.voiceRecordId), { itemIndex: i })).record;
	},
});

export const listResults = defineList({
	value: 'listResults',
	name: 'List Results',
	action: 'List voice results',
	description: 'Your text to speech or voice changer results (one item per result)',
	fields: [
		{
			name: 'type',
			akool: 'type',
			label: 'Results Of',
			type: 'options',
			options: [
				{ name: 'Text to Speech', value: 1 },
				{ name: 'Voice Changer', value: 2 },
			],
			default: 1,
		},
	],
	list: (_values, query) => ({ endpoint: '/api/open/v4/voice/resource/list', qs: query, listAt: 'result', pageSize: 100 }),
});

export const getResult = defineAction({
	value: 'getResult',
	name: 'Get Result',
	action: 'Get a voice result',
	description: 'Read one text to speech or voice changer result',
	fields: [{ name: 'resultId', label: 'Result ID', type: 'idList', required: true, max: 1, description: 'The jobId of a Text to Speech or Change Voice job' }],
	// The voiceResult store's read (job table: id in the path, record in `data.result`).
	async run({ i, values }) {
		return (await fetchJob.call(this, JOB_FAMILIES.voiceResult, String(values.resultId), { itemIndex: i })).record;
	},
});

export const deleteVoices = defineAction({
	value: 'deleteVoices',
	name: 'Delete Voices',
	action: 'Delete cloned voices',
	description: 'Permanently delete your cloned voices (cannot be undone)',
	fields: [
		// Akool takes an array here, unlike every other delete (akool-api.md §4.10 #34).
		{ name: 'voiceIds', akool: '_ids', label: 'Voice Record IDs', type: 'idList', sendAs: 'array', required: true, max: 100, description: 'The _id values of the voices, separated by commas' },
	],
	async run({ i, body }) {
		const data = (await akoolApiRequest.call(this, { method: 'POST', endpoint: '/api/open/v4/voice/del', body, itemIndex: i })) as IDataObject | undefined;
		return { deletedIds: (data?.successIds as string[] | undefined) ?? [], notDeleted: (data?.noPermissionVoices as IDataObject[] | undefined) ?? [] };
	},
});

export const listVoicesV3 = defineAction({
	value: 'listVoicesV3',
	name: 'List Voices (V3)',
	action: 'List legacy v3 voices',
	description: legacy('Voices for Text to Speech (V3), one item per voice'),
	fields: [
		{
			name: 'from',
			akool: 'from',
			label: 'Voices',
			type: 'options',
			options: [
				{ name: 'All', value: '' },
				{ name: 'Akool Voices', value: 3 },
				{ name: 'My Voices', value: 4 },
			],
			default: '',
		},
	],
	async run({ i, body }) {
		const data = await akoolApiRequest.call(this, { method: 'GET', endpoint: '/api/open/v3/voice/list', qs: body.from === '' ? {} : body, itemIndex: i });
		return Array.isArray(data) ? (data as IDataObject[]) : [];
	},
});
