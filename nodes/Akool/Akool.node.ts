import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as account from './actions/account';
import * as characterSwap from './actions/characterSwap';
import * as imageToVideo from './actions/imageToVideo';
import * as job from './actions/job';
import { router } from './actions/router';
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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
