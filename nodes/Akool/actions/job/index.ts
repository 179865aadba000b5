import type { INodeProperties } from 'n8n-workflow';

import * as download from './download.operation';
import * as get from './get.operation';
import * as wait from './wait.operation';

export { download, get, wait };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download a job result',
				description: 'Download a result URL into a binary file',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the status of a job',
				description: 'Read the current status and result URL of any Akool job',
			},
			{
				name: 'Wait',
				value: 'wait',
				action: 'Wait for a job to finish',
				description: 'Poll a job created elsewhere until it finishes, then output the result',
			},
		],
		default: 'get',
	},
	...download.description,
	...get.description,
	...wait.description,
];
