import type { INodeProperties } from 'n8n-workflow';

import { resource as account } from './account';
import { resource as characterSwap } from './characterSwap';
import type { Resource } from './define';
import { resource as faceDetection } from './faceDetection';
import { resource as faceSwap } from './faceSwap';
import { resource as headSwap } from './headSwap';
import { resource as image } from './image';
import { resource as imageToVideo } from './imageToVideo';
import { resource as job } from './job';
import { resource as knowledgeBase } from './knowledgeBase';
import { resource as lipSync } from './lipSync';
import { resource as moderation } from './moderation';
import { resource as reage } from './reage';
import { resource as swapStudio } from './swapStudio';
import { resource as talkingAvatar } from './talkingAvatar';
import { resource as talkingPhoto } from './talkingPhoto';
import { resource as textToVideo } from './textToVideo';
import { resource as videoTranslation } from './videoTranslation';
import { resource as voice } from './voice';
import type { Operation } from './types';

/**
 * THE registry of the Akool node: the resource selector, every property and the router's map
 * are derived from this list. A new resource = one folder (index.ts with defineResource) + one
 * line here; a new operation = one declaration + one line in its resource's index.ts.
 */
export const RESOURCES: Resource[] = [
	account,
	characterSwap,
	faceDetection,
	faceSwap,
	headSwap,
	image,
	imageToVideo,
	job,
	knowledgeBase,
	lipSync,
	moderation,
	reage,
	swapStudio,
	talkingAvatar,
	talkingPhoto,
	textToVideo,
	videoTranslation,
	voice,
];

/** resource → operation → operation module (the router's dispatch table). */
export const operations: Record<string, Record<string, Operation>> = Object.fromEntries(
	RESOURCES.map((resource) => [resource.value, resource.operations]),
);

/** The node's properties: the resource selector, then each resource's operations and fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map((resource) => ({ name: resource.name, value: resource.value })).sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		// Saved workflows omit default values, so this default is a contract. It was 'characterSwap'
		// (v4, legacy) before the package was first published; Face Swap → Swap Plus is the one to
		// start with, and an AI agent's Akool Tool should not start on a legacy operation.
		default: 'faceSwap',
	},
	...RESOURCES.flatMap((resource) => resource.properties),
];

/**
 * The canvas subtitle: "Face Swap: Swap Plus", the names the editor shows, from the registry
 * (n8n's usual `operation: resource` would show the internal values).
 */
export const subtitle = `={{ (${JSON.stringify(
	Object.fromEntries(
		RESOURCES.flatMap((resource) =>
			Object.values(resource.operations).map((operation) => [
				`${resource.value}:${String(operation.option.value)}`,
				`${resource.name}: ${operation.option.name}`,
			]),
		),
	),
)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
