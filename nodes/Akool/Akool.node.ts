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

import { properties, subtitle } from './actions/resources';
import { router } from './actions/router';
import { resumeFromCallback } from './helpers/callback';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class Akool implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Akool',
		name: 'akool',
		icon: { light: 'file:../../icons/akool.svg', dark: 'file:../../icons/akool.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle,
		// Also the default description of the Akool Tool an AI agent reads.
		description:
			'Create AI videos, images and speech with Akool (face swap, Swap Studio, talking avatars and photos, image and text to video, lip sync, voice, video translation, image generation, moderation) and wait for, check or download the results',
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
		properties,
	};

	methods = { loadOptions, listSearch };

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
