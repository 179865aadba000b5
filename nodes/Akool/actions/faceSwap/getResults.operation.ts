import type { IDataObject } from 'n8n-workflow';

import { JOB_FAMILIES, toSnapshot } from '../../helpers/jobs';
import { akoolApiRequest } from '../../transport';
import { defineAction } from '../define';
import { jobIdsField } from './shared';

export const getResults = defineAction({
	value: 'getResults',
	name: 'Get Results',
	action: 'Get face swap results',
	description: 'Read the status and result URL of face swap and reage jobs (one item per job found)',
	fields: [{ ...jobIdsField, max: 100 }],
	async run({ i, body }) {
		const family = JOB_FAMILIES.faceSwap;
		const data = (await akoolApiRequest.call(this, { method: 'GET', endpoint: family.poll.path, qs: body, itemIndex: i })) as IDataObject | undefined;
		const records = Array.isArray(data?.result) ? (data.result as IDataObject[]) : [];
		return records.map((record) => {
			const snapshot = toSnapshot(family, String(record._id), record);
			const { jobId, status, statusText, resultUrl, failureReason } = snapshot;
			return { jobId, jobType: family.key, status, statusText, resultUrl: resultUrl ?? null, ...(failureReason ? { failureReason } : {}), job: snapshot.record };
		});
	},
});
