import { akoolApiRequest } from '../../transport';
import { defineAction } from '../define';
import { jobIdsField } from './shared';

export const deleteResults = defineAction({
	value: 'deleteResults',
	name: 'Delete Results',
	action: 'Delete face swap results',
	description: 'Permanently delete face swap and reage results by job ID (cannot be undone)',
	fields: [jobIdsField],
	async run({ i, body }) {
		await akoolApiRequest.call(this, { method: 'POST', endpoint: '/api/open/v3/faceswap/result/delbyids', body, itemIndex: i });
		return { deletedIds: String(body._ids).split(',') };
	},
});
