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

import { returnAsField } from '../Akool/actions/common.descriptions';
import { downloadToBinary } from '../Akool/helpers/binary';
import { JOB_FAMILIES, STATUS_TEXT } from '../Akool/helpers/jobs';
import type { JobFamilyKey } from '../Akool/helpers/jobs';
import { DEFAULT_REPLAY_WINDOW_MS, verifyAkoolCallback } from '../Akool/helpers/webhook';

const EVENT_STATUS: Record<string, number> = { processing: 2, completed: 3, failed: 4 };

/** How many recent deliveries are remembered to drop repeats (Akool retries until it gets a 200). */
const DEDUPE_MEMORY = 500;

/**
 * Deliveries seen by this n8n process, so a repeat that arrives before n8n has saved the
 * workflow's static data (it does so after answering) is dropped too. Static data covers
 * restarts and other processes.
 */
const recentDeliveries = new Map<string, number>();
const RECENT_MS = 10 * 60_000;

function seenRecently(key: string, now = Date.now()): boolean {
	for (const [entry, at] of recentDeliveries) {
		if (now - at < RECENT_MS) break;
		recentDeliveries.delete(entry);
	}
	if (recentDeliveries.has(key)) return true;
	recentDeliveries.set(key, now);
	return false;
}

function forgetDelivery(key: string) {
	recentDeliveries.delete(key);
}

/** Which job family a callback `type` belongs to (to name a downloaded file); jobs.ts is the source. */
function familyOfType(type: string): JobFamilyKey {
	const entry = Object.values(JOB_FAMILIES).find((family) => family.callbackTypes.includes(type));
	return entry?.key ?? 'video';
}

export class AkoolTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Akool Trigger',
		name: 'akoolTrigger',
		icon: { light: 'file:../../icons/akool.svg', dark: 'file:../../icons/akool.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Akool calls back about a job (verified and decrypted)',
		defaults: { name: 'Akool Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'akoolApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'akool',
			},
		],
		properties: [
			{
				displayName:
					'Copy the Production URL above into the "Webhook URL" option of an Akool create operation (or any Akool integration) and activate this workflow. Akool has no API to register webhooks, so n8n cannot do it for you. The Akool credential needs its Client ID to verify callbacks.',
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
				options: [
					{ name: 'Audio', value: 'audio' },
					{ name: 'Avatar Video', value: 'avatar' },
					{ name: 'Background Change', value: 'background change' },
					{ name: 'Character Swap', value: 'character swap' },
					{ name: 'Face Swap', value: 'faceswap' },
					{ name: 'Image', value: 'image' },
					{ name: 'Image to Video', value: 'image2video' },
					{ name: 'Lip Sync', value: 'lipsync' },
					{ name: 'Talking Photo', value: 'talking photo' },
					{ name: 'Video Translation', value: 'video translate' },
				],
				default: [],
				description:
					"Only start for these Akool job types (the callback's \"type\"). Leave empty for all types, including ones Akool has not documented yet.",
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
					{
						displayName: 'Put Output in Field',
						name: 'binaryPropertyOutput',
						type: 'string',
						default: 'data',
						description: 'Binary field for the downloaded file (Return As "Binary File" or "Binary File and URL")',
					},
					{
						displayName: 'Replay Window (Minutes)',
						name: 'replayWindowMinutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 5,
						description:
							"Reject callbacks whose timestamp is older or newer than this (protects against replayed requests). 0 turns the check off, e.g. if the server's clock is off.",
					},
					{
						...returnAsField,
						default: 'url',
						description: 'For completed jobs: whether to also download the result file',
					},
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
		const credentials = await this.getCredentials('akoolApi');
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const res = this.getResponseObject();

		const result = verifyAkoolCallback(
			this.getBodyData(),
			{ apiKey: String(credentials.apiKey ?? ''), clientId: String(credentials.clientId ?? '') },
			options.replayWindowMinutes === undefined
				? DEFAULT_REPLAY_WINDOW_MS
				: Number(options.replayWindowMinutes) * 60_000,
		);
		if (!result.ok) {
			// Not from Akool for this account (or misconfigured): refuse and start nothing.
			const status = result.reason === 'missing-client-id' || result.reason === 'bad-key' ? 500 : 401;
			res.status(status).json({ error: result.message });
			return { noWebhookResponse: true };
		}

		const { payload } = result;
		const ack: IWebhookResponseData = { webhookResponse: { received: true } };
		const events = this.getNodeParameter('events', []) as string[];
		const jobTypes = this.getNodeParameter('jobTypes', []) as string[];
		const type = typeof payload.type === 'string' ? payload.type : '';
		if (!events.some((event) => EVENT_STATUS[event] === payload.status)) return ack;
		if (jobTypes.length > 0 && !jobTypes.includes(type)) return ack;

		const processKey = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${payload._id}:${payload.status}`;
		if (options.dedupe !== false) {
			const memory = this.getWorkflowStaticData('node');
			const seen = Array.isArray(memory.seen) ? (memory.seen as string[]) : [];
			const key = `${payload._id}:${payload.status}`;
			if (seenRecently(processKey) || seen.includes(key)) return ack;
			memory.seen = [...seen, key].slice(-DEDUPE_MEMORY);
		}

		const returnAs = String(options.returnAs ?? 'url') as 'url' | 'binary' | 'both';
		const fields: IDataObject = {
			jobId: payload._id,
			status: payload.status,
			statusText: STATUS_TEXT[payload.status] ?? 'unknown',
			type,
			resultUrl: typeof payload.url === 'string' && payload.url !== '' ? payload.url : null,
			raw: payload as IDataObject,
		};
		const item: INodeExecutionData = { json: fields };
		if (payload.status === 3 && returnAs !== 'url' && fields.resultUrl) {
			const file = await downloadToBinary
				.call(this, fields.resultUrl as string, {
					itemIndex: 0,
					fallbackBase: payload._id,
					fallbackExtension: JOB_FAMILIES[familyOfType(type)].fileExtension,
				})
				.catch((error: Error) => {
					// Not delivered: let Akool's retry through the duplicate check.
					forgetDelivery(processKey);
					return error;
				});
			if (file instanceof Error) throw file;
			item.binary = { [String(options.binaryPropertyOutput || 'data')]: file };
		}
		return { ...ack, workflowData: [[item]] };
	}
}
