import type { INodeProperties } from 'n8n-workflow';

import { jobFamilyOptions } from '../helpers/jobs';
import { AKOOL_MIN_POLL_SECONDS, SETTINGS } from '../helpers/settings';

/**
 * Field factories shared by every operation that runs an Akool job. Parameter names are a
 * contract with saved workflows: keep them stable.
 */

// Limits come from helpers/settings.ts (shared with the validation); the literal defaults below
// must equal SETTINGS' (n8n's lint wants literals; a unit test checks).

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

export const binaryPropertyField: INodeProperties = {
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
		typeOptions: {
			minValue: SETTINGS.timeoutMinutes.min,
			maxValue: SETTINGS.timeoutMinutes.max,
			numberPrecision: 2,
		},
		default: 30,
		description:
			'How long to wait for the job before the node fails with its job ID (the job keeps running at Akool)',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: {
			minValue: SETTINGS.pollIntervalSeconds.min,
			maxValue: SETTINGS.pollIntervalSeconds.max,
			numberPrecision: 1,
		},
		default: 10,
		description: `Time between status checks. It grows by half after each check, up to ${SETTINGS.maxPollIntervalSeconds} seconds (or this value if larger). Against Akool's own API it is at least ${AKOOL_MIN_POLL_SECONDS} seconds; shorter intervals are for a local sandbox.`,
	},
];

const maxConcurrentJobsOption: INodeProperties = {
	displayName: 'Max Concurrent Jobs',
	name: 'maxConcurrentJobs',
	type: 'number',
	typeOptions: { minValue: SETTINGS.maxConcurrentJobs.min, maxValue: SETTINGS.maxConcurrentJobs.max },
	default: 50,
	description:
		'How many input items run their jobs at the same time (read from the first item); 1 runs one job after another. When Akool answers "operation too frequent" (1005), the node keeps fewer jobs at Akool and waits on its own, creating nothing twice. Result files are downloaded at most 3 at a time where n8n holds whole files in memory (database, S3 and in-memory binary data modes).',
};

/** The budget guard (actions/router.ts): checked against every item's estimate before the first paid create. */
const budgetOptions: INodeProperties[] = [
	{
		displayName: 'Max Credits per Run',
		name: 'maxCreditsPerRun',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			"Create nothing when the estimated credits of all items together exceed this (read from the first item; 0 = no limit). The error lists each item's estimate. Items whose price Akool does not publish stop the run too, since they cannot be counted.",
	},
	{
		displayName: 'Stop Below Balance',
		name: 'stopBelowBalance',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'Create nothing when the account balance (Account → Get Credits, read once per run) minus the estimated credits of all items would fall below this (read from the first item; 0 = off)',
	},
];

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
	typeOptions: {
		minValue: SETTINGS.waitLimitMinutes.min,
		maxValue: SETTINGS.waitLimitMinutes.max,
		numberPrecision: 2,
	},
	default: 60,
	description:
		'Only for "Wait for Callback": if Akool has not called back by then, the node fails with the job ID (or outputs {error, jobId} with Continue On Fail). Continue with Job → Wait. n8n runs no node code when the limit passes, so there is no last status check.',
};

/**
 * Where the node runs as an AI agent's "Akool Tool" (n8n evaluates `@tool` from the node type):
 * an agent sees only JSON, cannot pause for a callback, and gets its own defaults.
 */
export const FOR_PEOPLE = { '@tool': [false] };
export const FOR_AGENTS = { '@tool': [true] };

/**
 * The same field twice, for people and for an AI agent's tool, with other defaults or options.
 * n8n keeps the value of whichever of the two is shown.
 */
function forPeopleAndAgents(property: INodeProperties, agent: Partial<INodeProperties>): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	return [
		{ ...property, displayOptions: { ...property.displayOptions, show: { ...show, ...FOR_PEOPLE } } },
		{ ...property, ...agent, displayOptions: { ...property.displayOptions, show: { ...show, ...FOR_AGENTS } } },
	];
}

/** Limits of the result download (Return As "Binary File" or "Both", Job → Wait, Job → Download). */
export const downloadOptions: INodeProperties[] = [
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSizeMb',
		type: 'number',
		typeOptions: { minValue: SETTINGS.maxFileSizeMb.min, maxValue: SETTINGS.maxFileSizeMb.max },
		default: 2048,
		description:
			'Refuse a result file larger than this (checked before and while downloading); 0 means no limit. Only for downloads into a binary field. Where n8n stores binary data in its database (N8N_DEFAULT_BINARY_DATA_MODE=database, the queue-mode default of n8n 2.x) n8n itself refuses files over 512 MiB, so the node does too, before downloading.',
	},
	{
		displayName: 'Max File Size in Memory Mode (MB)',
		name: 'maxInMemoryMb',
		type: 'number',
		typeOptions: { minValue: SETTINGS.maxInMemoryMb.min, maxValue: SETTINGS.maxInMemoryMb.max },
		default: 100,
		description:
			'Only where this n8n keeps binary data in memory (N8N_DEFAULT_BINARY_DATA_MODE=default), which holds a file many times over in RAM: refuse a larger result before downloading it, and stop once one node run holds 256 MB of files (or this value, if larger). 0 turns both limits off. In filesystem mode only "Max File Size (MB)" applies.',
	},
	{
		displayName: 'Download Timeout (Minutes)',
		name: 'downloadTimeoutMinutes',
		type: 'number',
		typeOptions: {
			minValue: SETTINGS.downloadTimeoutMinutes.min,
			maxValue: SETTINGS.downloadTimeoutMinutes.max,
			numberPrecision: 2,
		},
		default: 60,
		description: 'Give up a result download that takes longer than this in total (counted from its start, not from the wait for a free download slot)',
	},
	{
		displayName: 'Allowed Download Hosts',
		name: 'allowedHosts',
		type: 'string',
		default: '',
		placeholder: 'files.example.com, *.my-cdn.net',
		description:
			"Hosts to download from besides Akool's result hosts (CloudFront, akool.com, static.website-files.org) and the credential's Base URL host, separated by commas. *.example.com matches subdomains. Private and local addresses must be listed by name; if this n8n's SSRF protection is on (N8N_SSRF_PROTECTION_ENABLED), its admin must allow them too (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).",
	},
	{
		displayName: 'Allow Any Download Host',
		name: 'allowAnyHost',
		type: 'boolean',
		default: false,
		description:
			'Whether to download from any public https host. Off by default: the URL may come from a callback or an AI agent. Private and local addresses still need "Allowed Download Hosts".',
	},
];

export function byName(a: INodeProperties, b: INodeProperties) {
	return a.displayName.localeCompare(b.displayName);
}

/** The download options, offered only while Return As downloads a file (an Options entry refers to the root with "/"). */
export const downloadOnlyOptions: INodeProperties[] = downloadOptions.map((option) => ({
	...option,
	displayOptions: { show: { '/returnAs': ['binary', 'both'] } },
}));

/** Return As and its output field: by default a file for people, the URL for an AI agent (it sees no files). */
export function returnAsFields(hide?: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		...forPeopleAndAgents({ ...returnAsField, ...(hide ? { displayOptions: hide } : {}) }, { default: 'url' }),
		{
			...binaryPropertyField,
			displayOptions: { ...hide, show: { returnAs: ['binary', 'both'] } },
		},
	];
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
	/** Offer Return As and the download options (false: the result is data, never a file). */
	returnAs?: boolean;
	extraOptions?: INodeProperties[];
}): INodeProperties[] {
	const files = settings.returnAs !== false;
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
								'Pause the execution until Akool calls back (n8n must be reachable from the internet); no polling while Akool works. Not available to AI agents.',
						},
					]
				: []),
			{
				name: 'Estimate Credits Only (Free)',
				value: 'estimate',
				description: "Create nothing and spend nothing: output the credits the job would cost, from Akool's published prices (or why the price is unknown)",
			},
		],
		default: 'poll',
		description: 'How the node runs the job: wait until it is done, output its ID at once, or only estimate its credits (free, nothing created)',
	};
	const options: INodeProperties[] = [
		...pollOptions,
		...(files ? downloadOnlyOptions : []),
		maxConcurrentJobsOption,
		...(settings.webhookUrl ? [webhookUrlOption] : []),
		...(settings.waitForCallback ? [waitLimitOption] : []),
		...budgetOptions,
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
		// An agent needs the answer within its turn: its tool never offers "Wait for Callback".
		...(settings.waitForCallback
			? forPeopleAndAgents(completion, { options: completion.options!.filter((option) => 'value' in option && option.value !== 'waitForCallback') })
			: [completion]),
		...(settings.waitForCallback ? [{ ...callbackNotice, displayOptions: { show: { ...callbackNotice.displayOptions!.show, ...FOR_PEOPLE } } }] : []),
		...(files ? returnAsFields({ hide: { completion: ['returnImmediately', 'estimate'] } }) : []),
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

/** "Put Output in Field" inside an Options collection (the trigger). */
export const binaryPropertyOption: INodeProperties = {
	displayName: binaryPropertyField.displayName,
	name: binaryPropertyField.name,
	type: 'string',
	default: 'data',
	description: 'Binary field for the downloaded file (Return As "Binary File" or "Binary File and URL")',
};

/** Return As + output field, for operations that always produce a file (Job → Wait). */
export const resultOutputFields: INodeProperties[] = returnAsFields();

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
