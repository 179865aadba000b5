import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { akoolApiRequest, createMayExist, refusedAsTooFrequent } from '../transport';
import { displayUrl, downloadToBinary, toDownloadLimits } from './binary';
import type { DownloadLimits } from './binary';
import { JOB_FAMILIES, toSnapshot } from './jobs';
import { itemRecord, requestRecord } from './ledger';
import { chargedCredits, costFields, sumEstimates } from './pricing';
import type { Estimate } from './pricing';
import type { CreateEndpoint, JobFamily, JobSnapshot } from './jobs';
import { waitForJob } from './polling';
import type { PollSettings } from './polling';
import { tolerantResult } from './results';
import { asNodeError, failedItem, gateOf, isStopped, recordJob, runOf, runSignal, stoppedError, withJobId } from './run';
import { runsAsTool, SETTINGS, TOOL_MAX_WAIT_MINUTES } from './settings';
import { getBoolean, getNumber, getOption, getString, getUrl } from './validation';

/** `estimate`: create nothing, output what the job(s) would cost (helpers/pricing.ts). */
export type Completion = 'returnImmediately' | 'poll' | 'waitForCallback' | 'estimate';
export type ReturnAs = 'binary' | 'url' | 'both';

export interface JobSettings {
	completion: Completion;
	returnAs: ReturnAs;
	binaryProperty: string;
	poll: PollSettings;
	webhookUrl: string;
	waitLimitMs: number;
	download: DownloadLimits;
}

/**
 * What an operation's `prepare(i)` returns after reading and validating item i (no request): the
 * work to do. The router prepares every item, then resolves every item, and only then runs any:
 * bad input, or an item whose free look-up fails, never costs another item's credits.
 */
export interface PreparedRun {
	/** The free Akool look-ups the item needs before its paid create (model list, face detection). */
	resolve?: () => Promise<void>;
	/** Creates: what the item's job(s) should cost, once resolved (the budget guard reads it before any create). */
	estimate?: () => Promise<Estimate>;
	run: () => Promise<INodeExecutionData[]>;
	/**
	 * Present for creates: lets the router run "Wait for Callback" instead of `run` (the body of the
	 * item's one request, as resolved; an item of several requests never waits for a callback).
	 */
	job?: { endpoint: CreateEndpoint; body: IDataObject; settings: JobSettings };
}

/**
 * One create request of an item. Most items send one; an operation may split an item's body into
 * several (defineCreate's `split`: Video Translation sends one request per language), each with the
 * fields that tell its output items apart (`output`, e.g. `{ language: 'fr' }`).
 */
export interface JobRequest {
	body: IDataObject;
	output?: IDataObject;
}

/** Output settings only (Return As, field, download limits): what a finished job's item needs. */
export type OutputSettings = Pick<JobSettings, 'returnAs' | 'binaryProperty' | 'download'>;

/** "Max File Size (MB)" and "Download Timeout (Minutes)" of item `i`. */
export function readDownloadLimits(this: IExecuteFunctions, i: number): DownloadLimits {
	const { maxFileSizeMb, maxInMemoryMb, downloadTimeoutMinutes } = SETTINGS;
	const megabytes = getNumber.call(this, 'options.maxFileSizeMb', i, 'Max File Size (MB)', {
		min: maxFileSizeMb.min,
		max: maxFileSizeMb.max,
		fallback: maxFileSizeMb.default,
	});
	const minutes = getNumber.call(this, 'options.downloadTimeoutMinutes', i, 'Download Timeout (Minutes)', {
		min: downloadTimeoutMinutes.min,
		max: downloadTimeoutMinutes.max,
		fallback: downloadTimeoutMinutes.default,
	});
	const limits = toDownloadLimits({
		maxFileSizeMb: megabytes,
		maxInMemoryMb: getNumber.call(this, 'options.maxInMemoryMb', i, 'Max File Size in Memory Mode (MB)', {
			min: maxInMemoryMb.min,
			max: maxInMemoryMb.max,
			fallback: maxInMemoryMb.default,
		}),
		downloadTimeoutMinutes: minutes,
		allowedHosts: getString.call(this, 'options.allowedHosts', i, 'Allowed Download Hosts', { maxLength: 2000 }),
		allowAnyHost: getBoolean.call(this, 'options.allowAnyHost', i, 'Allow Any Download Host'),
	});
	const bad = limits.allowedHosts?.find((host) => !/^(\*\.)?[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\]$/.test(host));
	if (bad) {
		throw new NodeOperationError(this.getNode(), `"Allowed Download Hosts" contains an invalid host "${bad}"`, {
			itemIndex: i,
			description: 'List host names only (no scheme or path), e.g. files.example.com, *.my-cdn.net',
		});
	}
	return limits;
}

/**
 * Reads and validates the shared job settings of item `i` (completion mode, Return As,
 * Options). `completion: false` is for operations without a Completion field (Job → Wait).
 */
export function readJobSettings(
	this: IExecuteFunctions,
	i: number,
	fields: { completion: boolean; waitForCallback: boolean; webhookUrl: boolean; returnAs?: boolean },
): JobSettings {
	const modes: Completion[] = fields.waitForCallback
		? ['poll', 'returnImmediately', 'waitForCallback', 'estimate']
		: ['poll', 'returnImmediately', 'estimate'];
	const completion = fields.completion
		? getOption(this, 'completion', i, 'Completion', modes, 'poll')
		: 'poll';
	const tool = runsAsTool(this.getNode());
	if (tool && completion === 'waitForCallback') {
		throw new NodeOperationError(this.getNode(), '"Wait for Callback" is not available when an AI agent uses this node as a tool', {
			itemIndex: i,
			description: 'An agent needs the answer within its turn: choose "Poll Until Done" (waits up to 10 minutes) or "Return Immediately". No job was created.',
		});
	}
	// No Return As where the result is data (an analysis): nothing is ever downloaded.
	const needsOutput = completion !== 'returnImmediately' && completion !== 'estimate' && fields.returnAs !== false;
	const returnAs = needsOutput
		? getOption(this, 'returnAs', i, 'Return As', ['binary', 'url', 'both'] as const, tool ? 'url' : 'binary')
		: 'url';
	const binaryProperty =
		returnAs === 'url'
			? ''
			: getString.call(this, 'binaryPropertyOutput', i, 'Put Output in Field', { required: true });
	const { timeoutMinutes, pollIntervalSeconds, maxPollIntervalSeconds, waitLimitMinutes } = SETTINGS;
	const intervalMs =
		getNumber.call(this, 'options.pollIntervalSeconds', i, 'Poll Interval (Seconds)', {
			min: pollIntervalSeconds.min,
			max: pollIntervalSeconds.max,
			fallback: pollIntervalSeconds.default,
		}) * 1000;
	const settings: JobSettings = {
		completion,
		returnAs,
		binaryProperty,
		poll: {
			timeoutMs:
				Math.min(
					getNumber.call(this, 'options.timeoutMinutes', i, 'Timeout (Minutes)', {
						min: timeoutMinutes.min,
						max: timeoutMinutes.max,
						fallback: timeoutMinutes.default,
					}),
					tool ? TOOL_MAX_WAIT_MINUTES : Infinity,
				) * 60_000,
			intervalMs,
			maxIntervalMs: Math.max(intervalMs, maxPollIntervalSeconds * 1000),
		},
		webhookUrl: fields.webhookUrl
			? getUrl.call(this, 'options.webhookUrl', i, 'Webhook URL', { required: false })
			: '',
		waitLimitMs:
			getNumber.call(this, 'options.waitLimitMinutes', i, 'Wait Limit (Minutes)', {
				min: waitLimitMinutes.min,
				max: waitLimitMinutes.max,
				fallback: waitLimitMinutes.default,
			}) * 60_000,
		download: returnAs === 'url' ? {} : readDownloadLimits.call(this, i),
	};
	if (completion === 'waitForCallback' && settings.webhookUrl) {
		throw new NodeOperationError(
			this.getNode(),
			'"Webhook URL" cannot be used with "Wait for Callback"',
			{
				itemIndex: i,
				description:
					'Akool calls back one URL per job, and "Wait for Callback" needs it to resume this execution. Remove the Webhook URL option or choose "Poll Until Done".',
			},
		);
	}
	return settings;
}

interface CreatedJob {
	jobId: string;
	record: IDataObject;
}

/**
 * The job(s) a create answered with: one `data` record, a list of records (`data` as an array),
 * or the endpoint's batch keys (`{successList, errorList}` in v4, `{list, errors}` in V5).
 */
function createdJobs(
	ctx: IExecuteFunctions,
	data: unknown,
	endpoint: CreateEndpoint,
	i: number,
): { jobs: CreatedJob[]; errors: IDataObject[] } {
	const answer = (data && typeof data === 'object' ? data : {}) as IDataObject;
	const listOf = (value: unknown) => (Array.isArray(value) ? (value as IDataObject[]) : []);
	const records = Array.isArray(data)
		? listOf(data)
		: endpoint.batch
			? listOf(answer[endpoint.batch.list])
			: data
				? [answer]
				: [];
	const errors = endpoint.batch && !Array.isArray(data) ? listOf(answer[endpoint.batch.errors]) : [];
	const jobs = records
		.filter((record) => typeof record?._id === 'string' && record._id !== '')
		.map((record) => ({ jobId: record._id as string, record }));
	if (jobs.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Akool accepted the request but returned no job ID', {
			itemIndex: i,
			description: errors.length
				? `Akool reported: ${JSON.stringify(errors).slice(0, 500)}`
				: 'Check the job list in your Akool account before running again, so you do not pay twice.',
		});
	}
	return { jobs, errors };
}

/**
 * The output item of a finished job: status fields, plus the file and/or the URL per Return As.
 * Where the family's result field is a guess (results.ts), a job whose record holds no link where
 * the node looks is output whole with a `warning` (and the link found elsewhere in it, downloaded
 * per Return As): a paid result is never failed on the node's own guess.
 */
export async function finishedJobItem(
	this: IExecuteFunctions | IWebhookFunctions,
	finished: JobSnapshot,
	output: OutputSettings,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const family = JOB_FAMILIES[finished.family];
	const snapshot = await tolerantResult.call(this, finished, output.download.allowedHosts);
	// resultUrl always: an AI agent sees only the JSON, never the binary file (B8).
	const json: IDataObject = {
		jobId: snapshot.jobId,
		jobType: snapshot.family,
		status: snapshot.status,
		statusText: snapshot.statusText,
		resultUrl: snapshot.resultUrl ?? null,
		chargedCredits: chargedCredits(snapshot.record, snapshot.family),
	};
	if (family.resultKind === 'data') {
		// Information, not a file: nothing to download whatever Return As says.
		delete json.resultUrl;
		return { json: { ...json, result: snapshot.result ?? null, job: snapshot.record }, pairedItem: { item: itemIndex } };
	}
	if (snapshot.warning) json.warning = snapshot.warning;
	// The record with every warning (it is what the user reads the result from), else per Return As.
	// An agent's tool gets the fields above, not Akool's whole record (it only costs the agent tokens).
	if ((output.returnAs !== 'binary' && !runsAsTool(this.getNode())) || snapshot.warning) json.job = snapshot.record;
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (output.returnAs !== 'url') {
		// Nothing to download, and the warning says why and what to do.
		if (!snapshot.resultUrl && snapshot.warning) return item;
		if (!snapshot.resultUrl) {
			throw new NodeOperationError(
				this.getNode(),
				`Akool reported job ${snapshot.jobId} as completed but gave no result URL`,
				{ itemIndex, description: 'Use Job → Get to inspect the job, or choose Return As "URL".' },
			);
		}
		const url = snapshot.resultUrl;
		const binary = await downloadToBinary
			.call(this, url, {
				...output.download,
				itemIndex,
				fallbackBase: snapshot.jobId,
				fallbackExtension: family.fileExtension,
			})
			.catch((error: Error) => {
				if (isStopped(error)) throw error;
				const note = `Akool job ${snapshot.jobId} finished; only the download failed. Download the result later with Job → Download (its URL is valid for 7 days; host ${displayUrl(url).split('/')[0]}), or choose Return As "URL".`;
				if (error instanceof NodeOperationError) error.description = error.description ? `${error.description} ${note}` : note;
				throw withJobId(asNodeError(this.getNode(), error, itemIndex), snapshot.jobId);
			});
		item.binary = { [output.binaryProperty]: binary };
	}
	return item;
}

/** The output item of a job that is still running (Return Immediately). */
export function pendingJobItem(snapshot: JobSnapshot, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
	return {
		json: {
			jobId: snapshot.jobId,
			jobType: snapshot.family,
			status: snapshot.status,
			statusText: snapshot.statusText,
			chargedCredits: chargedCredits(snapshot.record, snapshot.family),
			...extra,
			job: snapshot.record,
		},
		pairedItem: { item: itemIndex },
	};
}

/** A create that waited `waitMs` for Akool to take new jobs (1005 each time): nothing was created. */
function stillTooFrequent(ctx: IExecuteFunctions, i: number, waitMs: number) {
	return new NodeOperationError(ctx.getNode(), `Akool kept answering "operation too frequent" (code 1005) for ${Math.round(waitMs / 60_000)} min: no job was created for this item`, {
		itemIndex: i,
		description:
			'Akool takes no new jobs while your plan runs as many as it allows. The node waited for the run\'s other jobs to end; nothing was billed for this item. Raise "Timeout (Minutes)", lower "Max Concurrent Jobs", or run fewer items at once.',
	});
}

/**
 * Sends one create request (never repeated once it may have created a job: it costs credits) and
 * returns its jobs. The webhook URL goes into the field spelled the way this endpoint expects.
 * A create Akool refuses with 1005 (nothing created) waits for a place in the run's JobGate and is
 * sent again, for up to `waitMs`. `request`: which of the item's create requests this is (its slot
 * in the item's record, ledger.ts).
 */
export async function createJobs(
	this: IExecuteFunctions,
	i: number,
	endpoint: CreateEndpoint,
	body: IDataObject,
	webhookUrl: string,
	waitMs = SETTINGS.timeoutMinutes.default * 60_000,
	request = 0,
): Promise<{ jobs: JobSnapshot[]; errors: IDataObject[] }> {
	// Retry On Fail: an earlier try of this node run sent this request (or may have): never again.
	const record = requestRecord(this, i, request);
	if (record.created) {
		for (const job of record.created.jobs) recordJob(this, i, job.jobId, endpoint.family);
		return record.created;
	}
	if (record.uncertain) throw record.uncertain;
	const payload: IDataObject = { ...body };
	if (webhookUrl && endpoint.webhookField) payload[endpoint.webhookField] = webhookUrl;
	const gate = gateOf(this);
	const signal = runSignal(this);
	const deadline = Date.now() + waitMs;
	let envelope: IDataObject;
	for (;;) {
		if (gate && !(await gate.enter(signal, deadline))) {
			if (signal?.aborted) throw stoppedError(this.getNode(), this, i);
			throw stillTooFrequent(this, i, waitMs);
		}
		try {
			envelope = (await akoolApiRequest.call(this, {
				method: 'POST',
				endpoint: endpoint.path,
				body: payload,
				idempotent: false,
				itemIndex: i,
				wholeEnvelope: true,
			})) as IDataObject;
			break;
		} catch (error) {
			if (gate && refusedAsTooFrequent(error)) {
				gate.refused();
				continue;
			}
			gate?.failed();
			const failure = asNodeError(this.getNode(), error as Error, i);
			if (createMayExist(error)) record.uncertain = failure;
			throw failure;
		}
	}
	const family = JOB_FAMILIES[endpoint.family];
	let answer: ReturnType<typeof createdJobs>;
	try {
		answer = createdJobs(this, envelope.data, endpoint, i);
	} catch (error) {
		gate?.failed();
		throw asNodeError(this.getNode(), error as Error, i);
	}
	const { jobs, errors } = answer;
	for (const job of jobs) recordJob(this, i, job.jobId, endpoint.family);
	gate?.created(jobs.map((job) => job.jobId));
	// Some create answers carry no status (face swap and reage: {_id, job_id}): a new job is queued.
	const created = (job: CreatedJob) => toSnapshot(family, job.jobId, { status: 1, ...job.record });
	record.created = { jobs: jobs.map(created), errors };
	return record.created;
}

/**
 * The async-job contract shared by every create: create, then return immediately or poll until
 * done and output the result, one item per job. ("Wait for Callback" is handled by the router:
 * see callback.ts.) A job that fails stops the run (its siblings and the other items) unless
 * Continue On Fail is on; then it becomes its own `{error, jobId}` item next to the finished ones.
 *
 * An item of several requests (`requests`, e.g. one per language) sends them one after the other,
 * each at most once per execution (its own slot of the item's record): a failed create stops the
 * item's further creates (nothing more is paid for) unless Continue On Fail is on; then it becomes
 * an `{error}` item in its request's place and the other requests go on. Output: the items of each
 * request in request order, each with the request's `output` fields.
 */
export async function runJob(
	this: IExecuteFunctions,
	i: number,
	endpoint: CreateEndpoint,
	requests: JobRequest[],
	settings: JobSettings,
): Promise<INodeExecutionData[]> {
	const run = runOf(this);
	const gate = gateOf(this);
	const made: Array<{ jobs: JobSnapshot[]; retried: boolean; extra: IDataObject } | { failure: INodeExecutionData }> = [];
	for (let request = 0; request < requests.length; request++) {
		const { body, output = {} } = requests[request];
		// A retry (Retry On Fail) continues the jobs an earlier try created, checking them at once.
		const retried = requestRecord(this, i, request).created !== undefined;
		try {
			const { jobs, errors } = await createJobs.call(this, i, endpoint, body, settings.webhookUrl, settings.poll.timeoutMs, request);
			made.push({ jobs, retried, extra: { ...output, ...(errors.length ? { batchErrors: errors } : {}) } });
		} catch (error) {
			const failure = asNodeError(this.getNode(), error as Error, i);
			if (requests.length === 1 || !run || run.stopOnFailure) {
				// The jobs of earlier requests are not followed any more (the error lists them).
				for (const entry of made) if ('jobs' in entry) for (const job of entry.jobs) gate?.leave(job.jobId);
				throw failure;
			}
			const item = failedItem(failure, i);
			Object.assign(item.json, output);
			made.push({ failure: item });
		}
	}
	const created = made.flatMap((entry) => ('jobs' in entry ? entry.jobs.map((job) => ({ job, retried: entry.retried, extra: entry.extra })) : []));
	let outputs: INodeExecutionData[];
	if (settings.completion === 'returnImmediately') {
		for (const { job } of created) gate?.leave(job.jobId);
		outputs = created.map(({ job, extra }) => pendingJobItem(job, i, extra));
	} else {
		const extras = new Map(created.map(({ job, extra }) => [job.jobId, extra]));
		outputs = await outputOfJobs.call(
			this,
			i,
			JOB_FAMILIES[endpoint.family],
			created.map(({ job, retried }) => (retried ? job.jobId : job)),
			settings,
			(jobId) => extras.get(jobId) ?? {},
		);
	}
	// Back in request order, a failed create in its request's place.
	const items: INodeExecutionData[] = [];
	let next = 0;
	for (const entry of made) {
		if ('failure' in entry) {
			items.push(entry.failure);
			continue;
		}
		items.push(...outputs.slice(next, next + entry.jobs.length));
		next += entry.jobs.length;
	}
	return items;
}

/**
 * Waits for the jobs of item i (each on its own), downloads per Return As, one output item per job.
 * A job given as its create answer (a snapshot) is first checked one interval later; one given by
 * id, at once. One that fails stops the run (its siblings and the other items) unless Continue On
 * Fail is on; then it becomes its own `{error, jobId}` item next to the finished ones. The item's
 * record (ledger.ts) keeps finished outputs and Akool's failures for the tries of "Retry On Fail".
 */
export async function outputOfJobs(
	this: IExecuteFunctions,
	i: number,
	family: JobFamily,
	jobs: Array<JobSnapshot | string>,
	settings: Pick<JobSettings, 'poll' | keyof OutputSettings>,
	/** Fields added to the output of every job, or of each job by its id. */
	extra: IDataObject | ((jobId: string) => IDataObject) = {},
): Promise<INodeExecutionData[]> {
	const extraOf = typeof extra === 'function' ? extra : () => extra;
	const record = itemRecord(this, i);
	const run = runOf(this);
	const settled = await Promise.allSettled(
		jobs.map(async (job) => {
			const jobId = typeof job === 'string' ? job : job.jobId;
			const kept = record.finished.get(jobId);
			if (kept) return kept;
			try {
				const failed = record.failed.get(jobId);
				if (failed) throw failed;
				const done = await waitForJob
					.call(this, family, jobId, settings.poll, i, typeof job === 'string' ? undefined : job)
					.finally(() => gateOf(this)?.leave(jobId));
				const item = await finishedJobItem.call(this, done, settings, i);
				Object.assign(item.json, extraOf(jobId));
				record.finished.set(jobId, item);
				return item;
			} catch (error) {
				const failure = withJobId(asNodeError(this.getNode(), error as Error, i), jobId);
				// Failed at Akool (status 4): final. Anything else (timeout, download) a retry may continue.
				if (failure.context.status === 4) record.failed.set(jobId, failure);
				run?.fail(failure);
				throw failure;
			}
		}),
	);
	const failed = settled.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failed.length && (!run || run.stopOnFailure)) throw run?.firstError ?? (failed[0].reason as Error);
	return settled.map((result) => (result.status === 'fulfilled' ? result.value : failedItem(result.reason as Error, i)));
}

/**
 * The PreparedRun of a create operation (see actions/types.ts): its create request(s) (usually one);
 * `resolve` completes each body with free look-ups (the router runs it for every item before any create);
 * `estimate` prices a body as it will be sent (helpers/pricing.ts): the router's budget guard reads
 * it before the first create, and every output item of the request carries it.
 */
export function prepareJob(
	this: IExecuteFunctions,
	i: number,
	endpoint: CreateEndpoint,
	requests: JobRequest[],
	settings: JobSettings,
	resolve?: (body: IDataObject) => Promise<IDataObject>,
	estimate?: (body: IDataObject) => Promise<Estimate>,
): PreparedRun {
	if (requests.length === 0) throw new Error('prepareJob: an item needs at least one create request');
	const parts = requests.map((request) => ({ ...request }));
	const job = { endpoint, body: parts[0].body, settings };
	// Priced once, after resolve (the bodies as sent).
	let priced: Promise<Estimate[]> | undefined;
	const prices = async () => (estimate ? await (priced ??= Promise.all(parts.map(async (part) => await estimate(part.body)))) : []);
	return {
		resolve: resolve
			? async () => {
					for (const part of parts) part.body = await resolve(part.body);
					job.body = parts[0].body;
				}
			: undefined,
		estimate: estimate ? async () => sumEstimates(await prices()) : undefined,
		run: async () => {
			const list = await prices();
			if (settings.completion === 'estimate') {
				const total = list.length ? sumEstimates(list) : undefined;
				return [
					{
						json: {
							estimatedCredits: total?.credits ?? null,
							estimateBasis: total?.basis ?? 'unknown',
							jobsToCreate: total?.jobs ?? parts.length,
							jobsCreated: 0,
							...(parts.length > 1 ? { requests: parts.map((part, n) => ({ ...part.output, ...costFields(list[n]), jobs: list[n]?.jobs })) } : {}),
						},
						pairedItem: { item: i },
					},
				];
			}
			const withCosts = parts.map((part, n) => ({ ...part, output: { ...part.output, ...costFields(list[n]) } }));
			return await runJob.call(this, i, endpoint, withCosts, settings);
		},
		job,
	};
}
