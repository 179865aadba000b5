import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['characterSwap'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a character swap video',
				description: 'Animate a character image with the motion of a video, or put it into the video',
			},
		],
		default: 'create',
	},
	...create.description,
];
