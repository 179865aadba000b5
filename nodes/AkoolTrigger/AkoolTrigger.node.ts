import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { binaryPropertyOption, downloadOptions, returnAsField } from '../Akool/actions/common.descriptions';
import { downloadToBinary, toDownloadLimits } from '../Akool/helpers/binary';
import type { DownloadLimits } from '../Akool/helpers/binary';
import { callbackFamilyOptions, familyOfCallbackType, JOB_FAMILIES, STATUS_TEXT } from '../Akool/helpers/jobs';
import { SETTINGS } from '../Akool/helpers/settings';
import { receiveCallback } from '../Akool/helpers/webhook';

/** Options that only matter when a completed job's file is downloaded (Return As, a sibling in Options). */
const DOWNLOADS = { show: { returnAs: ['binary', 'both'] } };

const EVENT_STATUS: Record<string, number> = { processing: 2, completed: 3, failed: 4 };

/** How many recent deliveries this process remembers to drop repeats (Akool retries until it gets a 200). */
const DEDUPE_MEMORY = 500;
/** How many deliveries n8n's deduplication store keeps per trigger node (oldest dropped first). */
const DEDUPE_STORE_ENTRIES = 10_000;

/**
 * Repeats are dropped in two layers (R5, issue 21):
 * - in this process, at once: a delivery (workflow, node, job and status) is reserved while it is
 *   being handled, and remembered once n8n has answered Akool 2xx for the execution it started. If
 *   n8n answers an error instead (it could not register the execution, e.g. a database lock under
 *   load: HTTP 500) or the connection drops first, the reservation is released, so Akool's
 *   immediate retry starts the workflow;
 * - in n8n's database, shared by every process and kept across restarts: the execution's first step
 *   (this node's execute()) records the delivery with n8n's own deduplication store
 *   (`helpers.checkProcessedAndRecord`, the table the Remove Duplicates node uses) and outputs
 *   nothing for one already recorded, so the rest of the workflow runs once. The webhook context
 *   has no such helper (n8n 2.41, 1.123), and the workflow's static data is not a store: n8n 2.41
 *   does not save what webhook() writes there once it has registered the execution.
 * What stays: a repeat that reaches another process starts an execution that ends at this node
 * with no items, and two deliveries of the same event whose executions check the store within the
 * same few milliseconds may both pass (n8n's store reads, then writes: not a lock; a node's first
 * event is exact, its first write being an insert that the other one fails, then re-reads).
 */
const handling = new Set<string>();
/** The last DEDUPE_MEMORY deliveries n8n confirmed in this process, oldest first. */
const delivered = new Set<string>();

function remember(key: string): void {
	delivered.delete(key);
	delivered.add(key);
	for (const oldest of delivered) {
		if (delivered.size <= DEDUPE_MEMORY) break;
		delivered.delete(oldest);
	}
}

type Answer = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * Calls `done(true)` once n8n (or the node) has answered Akool 2xx on `res`, `done(false)` when it
 * answered anything else or the connection closed without an answer (an http.ServerResponse
 * always ends with 'close', so the reservation never outlives the request).
 */
function whenAnswered(res: Answer, done: (ok: boolean) => void): void {
	const succeeded = () => res.statusCode >= 200 && res.statusCode < 300;
	if (res.headersSent || typeof res.once !== 'function') {
		done(res.headersSent && succeeded());
		return;
	}
	let settled = false;
	const settle = (ok: boolean) => {
		if (settled) return;
		settled = true;
		done(ok);
	};
	res.once('finish', () => settle(succeeded()));
	res.once('close', () => settle(Boolean(res.writableFinished) && succeeded()));
}

/** Download settings from the trigger's Options (the Akool node reads the same fields per item). */
function downloadLimits(options: IDataObject): DownloadLimits {
	const minutes = Number(options.downloadTimeoutMinutes ?? SETTINGS.downloadTimeoutMinutes.default);
	return toDownloadLimits({
		maxFileSizeMb: Number(options.maxFileSizeMb ?? SETTINGS.maxFileSizeMb.default),
		maxInMemoryMb: Number(options.maxInMemoryMb ?? SETTINGS.maxInMemoryMb.default),
		downloadTimeoutMinutes: minutes > 0 ? minutes : SETTINGS.downloadTimeoutMinutes.default,
		allowedHosts: String(options.allowedHosts ?? ''),
		allowAnyHost: options.allowAnyHost === true,
	});
}

export class AkoolTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Akool Trigger',
		name: 'akoolTrigger',
		icon: { light: 'file:../../icons/akool.svg', dark: 'file:../../icons/akool.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["events"].join(", ")}}',
		// n8n's node creator shows this description for the Akool entry in "Action in an app" (it
		// merges a node and its trigger and keeps the trigger's text): it introduces both nodes.
		description:
			'AI video with Akool (face swap, talking avatars and photos, lip sync, voice, video translation…), and a trigger that starts a workflow when an Akool job finishes',
		defaults: { name: 'Akool Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'akoolApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// The code answers itself (res) or returns `webhookResponse`; never n8n's "first entry".
				responseData: '',
				path: 'akool',
			},
		],
		properties: [
			{
				displayName:
					'Open "Webhook URLs" at the top of this panel, choose "Production URL" and copy it into the "Webhook URL" option of an Akool create operation (or any Akool integration), then publish (activate) this workflow. Akool has no API to register webhooks, so n8n cannot do it for you. The Akool credential needs its Client ID to verify callbacks.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Job Completed', value: 'completed', description: 'Status 3: the result is ready' },
					{ name: 'Job Failed', value: 'failed', description: 'Status 4' },
					{
						name: 'Job Processing',
						value: 'processing',
						description: 'Status 2: interim progress callbacks (Akool sends them for some job types)',
					},
				],
				default: ['completed', 'failed'],
				description: 'Which callbacks start the workflow. Others are acknowledged and dropped.',
			},
			{
				displayName: 'Job Types',
				name: 'jobTypes',
				type: 'multiOptions',
				options: callbackFamilyOptions,
				default: [],
				description:
					"Only start for jobs of these kinds, matched through the callback's \"type\" (Akool documents no type for some v4 jobs, e.g. character swap: leave this empty to be sure). Empty: every type, including ones Akool has not documented; the type is in the output.",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Ignore Repeated Deliveries',
						name: 'dedupe',
						type: 'boolean',
						default: true,
						description:
							'Whether to start only once per job and status when Akool delivers the same callback again',
					},
					{ ...binaryPropertyOption, displayOptions: DOWNLOADS },
					{
						displayName: 'Replay Window (Minutes)',
						name: 'replayWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description:
							"Optional hardening: reject callbacks whose timestamp is further than this from now. 0 (default) turns it off: Akool's signature has no secret, so the window adds little, and it would reject Akool's late re-deliveries after downtime. Repeats are dropped by \"Ignore Repeated Deliveries\".",
					},
					{
						...returnAsField,
						default: 'url',
						description:
							'For completed jobs: whether to also download the result file (only from allowed hosts). If the download fails or its host is not allowed, the workflow still starts, with "downloadError".',
					},
					...downloadOptions.map((option) => ({ ...option, displayOptions: DOWNLOADS })),
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// Akool has no webhook registration API: the URL is passed per job at create time.
			// So there is nothing to check, create or delete at Akool; these only validate settings.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials('akoolApi');
				if (!credentials.clientId) {
					throw new NodeOperationError(
						this.getNode(),
						'The Akool credential has no Client ID, which is needed to verify Akool callbacks',
						{ description: 'Open the Akool credential and add the Client ID from Akool → Settings → API Credentials.' },
					);
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * The execution's first step, with the item webhook() made: drops a delivery n8n's shared,
	 * persisted deduplication store has already recorded for this node (another process's or one
	 * before a restart), so the rest of the workflow runs once per job and status. Manual test
	 * runs are not recorded (a test event may be sent again). Where the store is missing (an older
	 * n8n) or fails, the item goes on: a repeat is better than a lost event.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const record = (this.helpers as Partial<IExecuteFunctions['helpers']>).checkProcessedAndRecord;
		if (options.dedupe === false || this.getMode() === 'manual' || typeof record !== 'function') return [items];
		const keys = items.map((item) => `${String(item.json.jobId)}:${String(item.json.status)}`);
		const check = async () => await record.call(this.helpers, keys, 'node', { mode: 'entries', maxEntries: DEDUPE_STORE_ENTRIES });
		let fresh: Set<string>;
		try {
			// The first delivery ever inserts the node's row; a concurrent first one in another
			// process then fails on the row's key: read again, it is recorded by now.
			fresh = new Set((await check().catch(async () => await check())).new.map(String));
		} catch (error) {
			this.logger.warn(`Akool Trigger: repeated deliveries could not be checked in n8n's deduplication store, the event goes on: ${(error as Error).message}`);
			return [items];
		}
		return [items.filter((_, k) => fresh.has(keys[k]))];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		// Authenticity only: a genuine callback is never refused for its result URL's host (R3); the
		// allow-list applies below, when (and only when) the result is downloaded.
		const payload = await receiveCallback.call(this, {
			replayWindowMs: Math.max(0, Number(options.replayWindowMinutes ?? 0)) * 60_000,
		});
		if (!payload) return { noWebhookResponse: true };

		const ack: IWebhookResponseData = { webhookResponse: { received: true } };
		const events = this.getNodeParameter('events', []) as string[];
		const jobTypes = this.getNodeParameter('jobTypes', []) as string[];
		const type = typeof payload.type === 'string' ? payload.type : '';
		const family = familyOfCallbackType(type);
		if (!events.some((event) => EVENT_STATUS[event] === payload.status)) return ack;
		// Values saved by older versions were callback types; they resolve to their family too.
		const wanted = jobTypes.map((value) => familyOfCallbackType(value)?.key ?? value);
		if (wanted.length > 0 && !(family && wanted.includes(family.key))) return ack;

		const dedupe = options.dedupe !== false;
		const key = `${payload._id}:${payload.status}`;
		const processKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${key}`;
		if (dedupe && (delivered.has(processKey) || handling.has(processKey))) return ack;
		if (dedupe) handling.add(processKey);
		let started = false;
		try {
			const resultUrl = typeof payload.url === 'string' && payload.url !== '' ? payload.url : null;
			const item: INodeExecutionData = {
				json: {
					jobId: payload._id,
					status: payload.status,
					statusText: STATUS_TEXT[payload.status] ?? 'unknown',
					type,
					jobType: family?.key ?? null,
					resultUrl,
					raw: payload as IDataObject,
				},
			};
			const returnAs = String(options.returnAs ?? 'url');
			if (payload.status !== 3 || returnAs === 'url' || !resultUrl) {
				// n8n answers Akool (200, {received: true}) only once it has registered the execution;
				// if it cannot (e.g. a database lock under load) Akool gets an error and retries, and
				// the retry starts the workflow (see whenAnswered).
				started = true;
				return { ...ack, workflowData: [[item]] };
			}
			// A download may take long: answer Akool first, and never lose the event to a failed (or
			// refused) download.
			this.getResponseObject().status(200).json({ received: true });
			try {
				const file = await downloadToBinary.call(this, resultUrl, {
					...downloadLimits(options),
					itemIndex: 0,
					fallbackBase: payload._id,
					fallbackExtension: JOB_FAMILIES[family?.key ?? 'video'].fileExtension,
				});
				item.binary = { [String(options.binaryPropertyOutput || 'data')]: file };
			} catch (error) {
				item.json.downloadError = (error as Error).message;
			}
			started = true;
			return { noWebhookResponse: true, workflowData: [[item]] };
		} finally {
			// Released at once when no execution was returned (or the handler failed); otherwise
			// when n8n's answer to Akool is known.
			if (dedupe && !started) handling.delete(processKey);
			else if (dedupe) {
				whenAnswered(this.getResponseObject(), (ok) => {
					handling.delete(processKey);
					if (ok) remember(processKey);
				});
			}
		}
	}
}
