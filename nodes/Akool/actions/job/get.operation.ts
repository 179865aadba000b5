import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pendingJobItem } from '../../helpers/completion';
import { fetchJob, getJobFamily } from '../../helpers/jobs';
import { getId, getOption } from '../../helpers/validation';
import { jobIdField, jobTypeField } from '../common.descriptions';
import type { PreparedRun } from '../types';
import { JOB_TYPES } from './shared';

const properties: INodeProperties[] = [jobTypeField, jobIdField];

const displayOptions = { show: { resource: ['job'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const family = getJobFamily(getOption(this, 'jobType', i, 'Job Type', JOB_TYPES, 'video'));
	const jobId = getId.call(this, 'jobId', i, 'Job ID');
	return {
		run: async () => {
			const snapshot = await fetchJob.call(this, family, jobId, { itemIndex: i });
			return [
				pendingJobItem(snapshot, i, {
					resultUrl: snapshot.resultUrl ?? null,
					...(snapshot.status === 4 ? { failureReason: snapshot.failureReason ?? null } : {}),
				}),
			];
		},
	};
}
