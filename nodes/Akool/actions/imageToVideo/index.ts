import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createBatch from './createBatch.operation';
import * as deleteVideos from './deleteVideos.operation';
import * as listEffects from './listEffects.operation';
import * as listModels from './listModels.operation';
import * as updateAudio from './updateAudio.operation';

export { create, createBatch, deleteVideos, listEffects, listModels, updateAudio };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['imageToVideo'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a video from an image',
				description: 'Animate one image into a 5 or 10 second video',
			},
			{
				name: 'Create Batch',
				value: 'createBatch',
				action: 'Create several videos from an image',
				description: 'Generate 1–10 videos from one image with a chosen model',
			},
			{
				name: 'Delete',
				value: 'deleteVideos',
				action: 'Delete image to video videos',
				description: 'Permanently delete image-to-video results by job ID (cannot be undone)',
			},
			{
				name: 'List Effects',
				value: 'listEffects',
				action: 'List image to video effects',
				description: 'Get the ready-made effects you can apply',
			},
			{
				name: 'List Models',
				value: 'listModels',
				action: 'List image to video models',
				description: 'Get the models with their resolutions, lengths and credit prices',
			},
			{
				name: 'Update Audio',
				value: 'updateAudio',
				action: 'Replace the audio of a video',
				description: 'Add or replace the sound of a finished image-to-video video',
			},
		],
		default: 'create',
	},
	...create.description,
	...createBatch.description,
	...deleteVideos.description,
	...listEffects.description,
	...listModels.description,
	...updateAudio.description,
];
