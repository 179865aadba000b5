import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { finishedJobItem, readJobSettings } from '../../helpers/completion';
import { getJobFamily, JOB_FAMILIES } from '../../helpers/jobs';
import type { JobFamilyKey } from '../../helpers/jobs';
import { waitForJob } from '../../helpers/polling';
import { getId, getOption } from '../../helpers/validation';
import {
	byName,
	downloadOnlyOptions,
	jobIdField,
	jobTypeField,
	maxConcurrentJobsOption,
	pollOptions,
	resultOutputFields,
} from '../common.descriptions';
import type { Operation, PreparedRun } from '../types';

const JOB_TYPES = Object.keys(JOB_FAMILIES) as JobFamilyKey[];

const properties: INodeProperties[] = [
	jobTypeField,
	jobIdField,
	...resultOutputFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxConcurrentJobsOption, ...pollOptions, ...downloadOnlyOptions].sort(byName),
	},
];

async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const family = getJobFamily(getOption(this, 'jobType', i, 'Job Type', JOB_TYPES, 'video'));
	const jobId = getId.call(this, 'jobId', i, 'Job ID');
	const settings = readJobSettings.call(this, i, { completion: false, waitForCallback: false, webhookUrl: false });
	return {
		run: async () => {
			const done = await waitForJob.call(this, family, jobId, settings.poll, i);
			return [await finishedJobItem.call(this, done, settings, i)];
		},
	};
}

export const wait: Operation = {
	option: { name: 'Wait', value: 'wait', action: 'Wait for a job to finish', description: 'Poll a job created elsewhere until it finishes, then output the result' },
	properties,
	prepare,
};
