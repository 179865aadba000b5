import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { finishedJobItem, readJobSettings } from '../../helpers/completion';
import { getJobFamily } from '../../helpers/jobs';
import { waitForJob } from '../../helpers/polling';
import { getId, getOption } from '../../helpers/validation';
import {
	byName,
	downloadOptions,
	jobIdField,
	jobTypeField,
	maxConcurrentJobsOption,
	pollOptions,
	resultOutputFields,
} from '../common.descriptions';
import type { PreparedRun } from '../types';
import { JOB_TYPES } from './shared';

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
		options: [maxConcurrentJobsOption, ...pollOptions, ...downloadOptions].sort(byName),
	},
];

const displayOptions = { show: { resource: ['job'], operation: ['wait'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
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
