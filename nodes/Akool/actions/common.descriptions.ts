import type { INodeProperties } from 'n8n-workflow';

import { jobFamilyOptions } from '../helpers/jobs';

/**
 * Field factories shared by every operation that runs an Akool job. Parameter names are a
 * contract with saved workflows: keep them stable.
 */

// Literal defaults in the descriptions below must match (n8n's lint wants literals; a unit test checks).
export const DEFAULTS = {
	timeoutMinutes: 30,
	pollIntervalSeconds: 10,
	maxPollIntervalSeconds: 60,
	maxConcurrentJobs: 10,
	waitLimitMinutes: 60,
};

export const returnAsField: INodeProperties = {
	displayName: 'Return As',
	name: 'returnAs',
	type: 'options',
	options: [
		{
			name: 'Binary File',
			value: 'binary',
			description: 'Download the result into the item as a file (for uploads, e-mail, storage)',
		},
		{ name: 'URL', value: 'url', description: "Only output Akool's result link (valid for 7 days)" },
		{ name: 'Binary File and URL', value: 'both', description: 'Download the file and keep the link and job details' },
	],
	default: 'binary',
	description: 'What to output once the job has finished',
};

const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the binary field to put the downloaded file in',
	displayOptions: { show: { returnAs: ['binary', 'both'] } },
};

/** Polling settings, shared by "Poll Until Done" and Job → Wait. */
export const pollOptions: INodeProperties[] = [
	{
		displayName: 'Timeout (Minutes)',
		name: 'timeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 0.05, maxValue: 1440, numberPrecision: 2 },
		default: 30,
		description:
			'How long to wait for the job before the node fails with its job ID (the job keeps running at Akool)',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 0.2, maxValue: 600, numberPrecision: 1 },
		default: 10,
		description:
			'Time between status checks. It grows by half after each check, up to 60 seconds (or this value if larger).',
	},
];

const maxConcurrentJobsOption: INodeProperties = {
	displayName: 'Max Concurrent Jobs',
	name: 'maxConcurrentJobs',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: 10,
	description:
		'How many input items run their jobs at the same time. Lower it if Akool answers "operation too frequent" (1005).',
};

const webhookUrlOption: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'https://your-n8n.example.com/webhook/...',
	description:
		'Also have Akool call this URL when the job ends, e.g. the URL of an Akool Trigger node in another workflow. Not used with "Wait for Callback", which sets its own URL.',
};

const waitLimitOption: INodeProperties = {
	displayName: 'Wait Limit (Minutes)',
	name: 'waitLimitMinutes',
	type: 'number',
	typeOptions: { minValue: 0.05, maxValue: 43200, numberPrecision: 2 },
	default: 60,
	description:
		'Only for "Wait for Callback": if Akool has not called back by then, the node checks the job once more and continues, or fails with the job ID',
};

function byName(a: INodeProperties, b: INodeProperties) {
	return a.displayName.localeCompare(b.displayName);
}

/**
 * The fields every create operation ends with: completion mode, Return As, the output field,
 * and one Options collection (job settings plus the operation's own optional settings).
 */
export function jobCompletionFields(settings: {
	/** Offer the "Wait for Callback" completion mode. */
	waitForCallback: boolean;
	/** Offer the pass-through "Webhook URL" option (the endpoint accepts a webhook field). */
	webhookUrl: boolean;
	extraOptions?: INodeProperties[];
}): INodeProperties[] {
	const completion: INodeProperties = {
		displayName: 'Completion',
		name: 'completion',
		type: 'options',
		options: [
			{
				name: 'Poll Until Done',
				value: 'poll',
				description: 'Check the job status until it finishes, then output the result',
			},
			{
				name: 'Return Immediately',
				value: 'returnImmediately',
				description: 'Output the job ID right away; use Job → Wait or an Akool Trigger later',
			},
			...(settings.waitForCallback
				? [
						{
							name: 'Wait for Callback',
							value: 'waitForCallback',
							description:
								'Pause the execution until Akool calls back (n8n must be reachable from the internet); no polling while Akool works',
						},
					]
				: []),
		],
		default: 'poll',
		description: 'What the node does after Akool has accepted the job',
	};
	const options: INodeProperties[] = [
		...pollOptions,
		maxConcurrentJobsOption,
		...(settings.webhookUrl ? [webhookUrlOption] : []),
		...(settings.waitForCallback ? [waitLimitOption] : []),
		...(settings.extraOptions ?? []),
	].sort(byName);
	const callbackNotice: INodeProperties = {
		displayName:
			'Akool must be able to reach this n8n: set WEBHOOK_URL to its public https address (otherwise use Poll Until Done). The credential needs the Client ID. One item per execution; add a Loop Over Items node for more.',
		name: 'waitForCallbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { completion: ['waitForCallback'] } },
	};
	return [
		completion,
		...(settings.waitForCallback ? [callbackNotice] : []),
		{ ...returnAsField, displayOptions: { hide: { completion: ['returnImmediately'] } } },
		{
			...binaryPropertyField,
			displayOptions: {
				show: { returnAs: ['binary', 'both'] },
				hide: { completion: ['returnImmediately'] },
			},
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options,
		},
	];
}

/** Return As + output field, for operations that always produce a file (Job → Wait). */
export const resultOutputFields: INodeProperties[] = [returnAsField, binaryPropertyField];

export const jobTypeField: INodeProperties = {
	displayName: 'Job Type',
	name: 'jobType',
	type: 'options',
	options: jobFamilyOptions,
	default: 'video',
	description: 'Which kind of Akool job the ID belongs to (Akool keeps each kind in its own store)',
};

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '6593c94c0ef703e8c055e3c8',
	description: 'The _id Akool returned when the job was created (the "jobId" output field)',
};

export { maxConcurrentJobsOption };
