import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import * as account from './actions/account';
import * as characterSwap from './actions/characterSwap';
import * as imageToVideo from './actions/imageToVideo';
import * as job from './actions/job';
import { router } from './actions/router';
import { resumeFromCallback } from './helpers/callback';
import * as talkingPhoto from './actions/talkingPhoto';
import * as loadOptions from './methods/loadOptions';

export class Akool implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Akool',
		name: 'akool',
		icon: { light: 'file:../../icons/akool.svg', dark: 'file:../../icons/akool.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create AI videos with Akool (character swap, talking photo, image to video) and wait for, check or download the results',
		defaults: { name: 'Akool' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'akoolApi', required: true }],
		// Resume endpoint for "Wait for Callback": Akool POSTs to this execution's resume URL.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// The code answers itself (res) or returns `webhookResponse`; never n8n's "first entry".
				responseData: '',
				path: '',
				restartWebhook: true,
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Character Swap', value: 'characterSwap' },
					{ name: 'Image to Video', value: 'imageToVideo' },
					{ name: 'Job', value: 'job' },
					{ name: 'Talking Photo', value: 'talkingPhoto' },
				],
				default: 'characterSwap',
			},
			...account.description,
			...characterSwap.description,
			...imageToVideo.description,
			...job.description,
			...talkingPhoto.description,
		],
	};

	methods = { loadOptions };

	// The only webhook of this node is the resume webhook of "Wait for Callback" (restartWebhook):
	// n8n serves it per waiting execution and never registers it anywhere, and Akool has no
	// webhook registration API either (the URL is sent with each job). Nothing to check or manage.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromCallback.call(this);
	}
}
