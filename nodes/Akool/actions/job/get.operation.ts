import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { pendingJobItem } from '../../helpers/completion';
import { getJobFamily, JOB_FAMILIES } from '../../helpers/jobs';
import type { JobFamilyKey } from '../../helpers/jobs';
import { fetchJob } from '../../helpers/polling';
import { tolerantResult } from '../../helpers/results';
import { getId, getOption } from '../../helpers/validation';
import { jobIdField, jobTypeField } from '../common.descriptions';
import { toolDescriptionProperty } from '../define';
import type { Operation, PreparedRun } from '../types';

const JOB_TYPES = Object.keys(JOB_FAMILIES) as JobFamilyKey[];

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Get the status of an Akool job. Needs: Job Type (the jobType of the earlier answer) and Job ID (its jobId). Answers at once, free: status (queued, processing, completed, failed), resultUrl when completed, failureReason when failed. Use it to check a job that was not done in time instead of creating a new one.',
	),
	jobTypeField,
	jobIdField,
];

async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const family = getJobFamily(getOption(this, 'jobType', i, 'Job Type', JOB_TYPES, 'video'));
	const jobId = getId.call(this, 'jobId', i, 'Job ID');
	return {
		run: async () => {
			// A finished job whose result field is a guess: the link found in its record, and a warning.
			const snapshot = await tolerantResult.call(this, await fetchJob.call(this, family, jobId, { itemIndex: i }));
			return [
				pendingJobItem(snapshot, i, {
					resultUrl: snapshot.resultUrl ?? null,
					...(snapshot.warning ? { warning: snapshot.warning } : {}),
					...(snapshot.result !== undefined ? { result: snapshot.result } : {}),
					...(snapshot.status === 4 ? { failureReason: snapshot.failureReason ?? null } : {}),
				}),
			];
		},
	};
}

export const get: Operation = {
	option: { name: 'Get', value: 'get', action: 'Get the status of a job', description: 'Read the current status and result URL of any Akool job' },
	properties,
	prepare,
};
