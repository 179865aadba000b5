import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['talkingPhoto'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a talking photo video',
				description: 'Make the person in a photo speak an audio track',
			},
		],
		default: 'create',
	},
	...create.description,
];
