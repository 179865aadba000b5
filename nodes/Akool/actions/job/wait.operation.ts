import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOfJobs, readJobSettings } from '../../helpers/completion';
import { getJobFamily, JOB_FAMILIES } from '../../helpers/jobs';
import type { JobFamilyKey } from '../../helpers/jobs';
import { getIdList, getOption } from '../../helpers/validation';
import {
	byName,
	downloadOnlyOptions,
	jobIdField,
	jobTypeField,
	maxConcurrentJobsOption,
	pollOptions,
	resultOutputFields,
} from '../common.descriptions';
import { toolDescriptionProperty } from '../define';
import type { Operation, PreparedRun } from '../types';

const JOB_TYPES = Object.keys(JOB_FAMILIES) as JobFamilyKey[];

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Wait for an Akool job created earlier (for example one that was not done in time). Needs: Job Type (the jobType of the earlier answer) and Job ID (its jobId; several separated by commas). Waits until it finishes (at most 10 minutes here) and returns status and resultUrl (a link valid for 7 days). Free: it creates no job.',
	),
	jobTypeField,
	{
		...jobIdField,
		displayName: 'Job ID',
		description: 'The _id Akool returned when the job was created (the "jobId" output field), or several separated by commas, e.g. the list in an Akool node\'s error: one output item per job',
	},
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
	// One ID, or several (the list an Akool node's error gives): one output item per job.
	const jobIds = getIdList.call(this, 'jobId', i, 'Job ID', 100);
	const settings = readJobSettings.call(this, i, { completion: false, waitForCallback: false, webhookUrl: false });
	return {
		run: async () => await outputOfJobs.call(this, i, family, jobIds, settings),
	};
}

export const wait: Operation = {
	option: { name: 'Wait', value: 'wait', action: 'Wait for a job to finish', description: 'Poll a job created elsewhere until it finishes, then output the result' },
	properties,
	prepare,
};
