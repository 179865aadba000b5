import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
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

/** How many recent deliveries are remembered to drop repeats (Akool retries until it gets a 200). */
const DEDUPE_MEMORY = 500;

/**
 * Deliveries seen by this n8n process, so a repeat that arrives before n8n has saved the
 * workflow's static data (it does so after answering) is dropped too. Static data covers
 * restarts and other processes (best effort: two webhook processes may both start one).
 */
const recentDeliveries = new Map<string, number>();
/**
 * Short on purpose: if n8n then fails to register the execution (it answers Akool 500, e.g. a
 * database lock under load), Akool's retry must get through; static data covers later repeats.
 */
const RECENT_MS = 60_000;

function seenRecently(key: string, now = Date.now()): boolean {
	for (const [entry, at] of recentDeliveries) {
		if (now - at < RECENT_MS) break;
		recentDeliveries.delete(entry);
	}
	if (recentDeliveries.has(key)) return true;
	recentDeliveries.set(key, now);
	return false;
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
							'For completed jobs: whether to also download the result file. If the download fails, the workflow still starts, with "downloadError".',
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

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const limits = downloadLimits(options);
		const payload = await receiveCallback.call(this, {
			replayWindowMs: Math.max(0, Number(options.replayWindowMinutes ?? 0)) * 60_000,
			download: limits,
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
		const memory = this.getWorkflowStaticData('node');
		const seen = Array.isArray(memory.seen) ? (memory.seen as string[]) : [];
		if (dedupe && (seen.includes(key) || seenRecently(processKey))) return ack;

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
			// if it cannot (e.g. a database lock under load) Akool gets an error and retries.
			if (dedupe) memory.seen = [...seen, key].slice(-DEDUPE_MEMORY);
			return { ...ack, workflowData: [[item]] };
		}
		// A download may take long: answer Akool first, and never lose the event to a failed download.
		this.getResponseObject().status(200).json({ received: true });
		try {
			const file = await downloadToBinary.call(this, resultUrl, {
				...limits,
				itemIndex: 0,
				fallbackBase: payload._id,
				fallbackExtension: JOB_FAMILIES[family?.key ?? 'video'].fileExtension,
			});
			item.binary = { [String(options.binaryPropertyOutput || 'data')]: file };
		} catch (error) {
			item.json.downloadError = (error as Error).message;
		}
		// Recorded only now that the item exists (the in-process memory was reserved above).
		if (dedupe) memory.seen = [...seen, key].slice(-DEDUPE_MEMORY);
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}
