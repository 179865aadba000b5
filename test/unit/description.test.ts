import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { AkoolApi } from '../../credentials/AkoolApi.credentials';
import { Akool } from '../../nodes/Akool/Akool.node';
import { operations } from '../../nodes/Akool/actions/router';
import { SETTINGS } from '../../nodes/Akool/helpers/settings';
import { AkoolTrigger } from '../../nodes/AkoolTrigger/AkoolTrigger.node';

const properties = new Akool().description.properties;
const resources = (properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map(
	(option) => option.value as string,
);
const operationSelectors = properties.filter((p) => p.name === 'operation');

function operationsOf(resource: string): INodePropertyOptions[] {
	const selector = operationSelectors.find((p) => p.displayOptions?.show?.resource?.includes(resource));
	return (selector?.options ?? []) as INodePropertyOptions[];
}

// The names users' saved workflows depend on (issue #2 contract).
const contract: Record<string, string[]> = {
	account: ['getCredits'],
	characterSwap: ['create'],
	faceDetection: ['analyzeFrames', 'detect'],
	faceSwap: ['cancel', 'deleteResults', 'getResults', 'swapImage', 'swapPlus', 'swapPro', 'swapVideo'],
	headSwap: ['analyzeVideo', 'create'],
	image: ['generate', 'generateV4', 'upscaleOrVary'],
	imageToVideo: ['create', 'createBatch', 'deleteVideos', 'listEffects', 'listModels', 'updateAudio'],
	job: ['download', 'get', 'wait'],
	knowledgeBase: ['create', 'delete', 'get', 'getMany', 'update'],
	lipSync: ['create'],
	moderation: ['analyze'],
	reage: ['image', 'video'],
	swapStudio: ['analyze', 'characterSwap', 'clothingSwap', 'getModels', 'hairSwap', 'headSwap', 'motionSwap'],
	talkingAvatar: ['createVideo', 'getAvatar', 'listAvatars', 'uploadAvatar'],
	talkingPhoto: ['create'],
	textToVideo: ['create'],
	videoTranslation: ['create', 'listLanguages'],
	voice: [
		'changeVoice',
		'cloneAndSpeakV3',
		'cloneVoice',
		'deleteVoices',
		'getResult',
		'getVoice',
		'listResults',
		'listVoices',
		'listVoicesV3',
		'textToSpeech',
		'textToSpeechV3',
	],
};

describe('Akool node description', () => {
	it('keeps the contract names of node, credential and resources', () => {
		expect(new Akool().description.name).toBe('akool');
		expect(new AkoolTrigger().description.name).toBe('akoolTrigger');
		const credential = new AkoolApi();
		expect(credential.name).toBe('akoolApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['apiKey', 'clientId', 'baseUrl']);
		expect(resources.sort()).toEqual(Object.keys(contract).sort());
		expect(new Akool().description.usableAsTool).toBe(true);
	});

	it.each(Object.entries(contract))('%s: every operation has a module, an action and a description', (resource, names) => {
		const options = operationsOf(resource);
		expect(options.map((o) => o.value).sort()).toEqual(names);
		expect(Object.keys(operations[resource]).sort()).toEqual(names);
		for (const option of options) {
			expect(option.action).toMatch(/^[A-Z][a-z]/);
			expect(option.description).toBeTruthy();
			expect(typeof operations[resource][option.value as string].prepare).toBe('function');
		}
	});

	it('every field is shown for exactly one resource/operation (no stray fields)', () => {
		for (const property of properties) {
			if (property.name === 'resource') continue;
			expect(property.displayOptions?.show?.resource).toHaveLength(1);
		}
	});

	it('the literal defaults in descriptions match the defaults the code falls back to', () => {
		const collect = (list: INodeProperties[]): INodeProperties[] =>
			list.flatMap((p) => [p, ...collect((p.options ?? []).filter((o): o is INodeProperties => 'type' in o))]);
		const all = collect(properties);
		const defaultOf = (name: string) => new Set(all.filter((p) => p.name === name).map((p) => p.default));
		for (const name of [
			'timeoutMinutes',
			'pollIntervalSeconds',
			'maxConcurrentJobs',
			'waitLimitMinutes',
			'maxFileSizeMb',
			'maxInMemoryMb',
			'downloadTimeoutMinutes',
		] as const) {
			expect(defaultOf(name)).toEqual(new Set([SETTINGS[name].default]));
			// one constant for the editor's limits and the validation's (B10)
			for (const property of all.filter((p) => p.name === name)) {
				expect(property.typeOptions?.minValue).toBe(SETTINGS[name].min);
				expect(property.typeOptions?.maxValue).toBe(SETTINGS[name].max);
			}
		}
	});

	it('offers "Wait for Callback" exactly on creates whose endpoint has a single-job webhook', () => {
		const withCallback = properties
			.filter((p) => p.name === 'completion')
			.filter((p) => (p.options as INodePropertyOptions[]).some((o) => o.value === 'waitForCallback'))
			.map((p) => `${p.displayOptions!.show!.resource![0]}.${p.displayOptions!.show!.operation![0]}`)
			.sort();
		expect(withCallback).toEqual([
			'characterSwap.create',
			'faceSwap.swapImage',
			'faceSwap.swapPlus',
			'faceSwap.swapPro',
			'faceSwap.swapVideo',
			'headSwap.create',
			'image.generate',
			'image.generateV4',
			'image.upscaleOrVary',
			'imageToVideo.create',
			'lipSync.create',
			'moderation.analyze',
			'reage.image',
			'reage.video',
			'swapStudio.characterSwap',
			'swapStudio.clothingSwap',
			'swapStudio.headSwap',
			'talkingAvatar.createVideo',
			'talkingPhoto.create',
			'videoTranslation.create',
			'voice.changeVoice',
			'voice.cloneAndSpeakV3',
			'voice.cloneVoice',
			'voice.textToSpeech',
			'voice.textToSpeechV3',
		]);
	});

	it('keeps the defaults saved workflows rely on (n8n omits default values when saving)', () => {
		// 'characterSwap' (v4, legacy) before the first publication: an AI agent's tool starts on Swap Plus.
		expect(properties.find((p) => p.name === 'resource')!.default).toBe('faceSwap');
		const defaults = Object.fromEntries(operationSelectors.map((p) => [p.displayOptions!.show!.resource![0], p.default]));
		expect(defaults).toMatchObject({ account: 'getCredits', characterSwap: 'create', imageToVideo: 'create', job: 'get', talkingPhoto: 'create' });
	});

	// The Job Type list is checked where it can fail: test/workflows/jobs.test.ts runs Job → Get with
	// every value against the sandbox, and each must read the poll endpoint the reference documents.
});

describe('how n8n 2.41\'s editor treats the nodes (its node-creator rules, as in useViewStacks.ts, nodeCreator.utils.ts and useActionsGeneration.ts)', () => {
	type Codex = { categories: string[]; subcategories?: Record<string, string[]>; alias?: string[] };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const codexOf = (file: string) => require(`../../nodes/${file}`) as Codex;
	const nodes = [
		{ codex: codexOf('Akool/Akool.node.json'), description: new Akool().description },
		{ codex: codexOf('AkoolTrigger/AkoolTrigger.node.json'), description: new AkoolTrigger().description },
	];
	/** filterOutAiNodes: search drops "AI" nodes that are not root nodes. */
	const keptBySearch = (codex: Codex) => !codex.categories.includes('AI') || Boolean(codex.subcategories?.AI?.includes('Root Nodes'));
	/** subcategorizeItems: "AI" (and Core Nodes, HITL) subcategories take a node out of the app list ("*"). */
	const listedInApps = (codex: Codex) => ['Core Nodes', 'AI', 'HITL'].every((category) => !codex.categories.includes(category) || !(codex.subcategories?.[category]?.length));
	/** sublimeSearch: a node is found by its display name and codex aliases only. */
	const found = (codex: Codex, displayName: string, query: string) =>
		[displayName, ...(codex.alias ?? [])].some((value) => {
			let k = 0;
			for (const char of value.toLowerCase()) if (char === query[k]) k++;
			return k === query.length;
		});

	it.each(nodes.map((node) => [node.description.displayName, node] as const))('%s is kept by search, listed in "Action in an app" and found by "akool"', (_name, { codex, description }) => {
		expect(keptBySearch(codex)).toBe(true);
		expect(listedInApps(codex)).toBe(true);
		expect(found(codex, description.displayName, 'akool')).toBe(true);
	});

	it('the Akool node is found by the words of its jobs, and gets no actions from a "mode" field (only "AI" nodes do)', () => {
		const [{ codex, description }] = nodes;
		for (const word of ['face swap', 'swap studio', 'talking avatar', 'talking photo', 'lip sync', 'image to video', 'text to video', 'voice', 'text to speech', 'video translation', 'moderation']) {
			expect({ word, found: found(codex, description.displayName, word) }).toEqual({ word, found: true });
		}
		const hasModeField = description.properties.some((property) => property.name.toLowerCase() === 'mode' && property.options);
		expect(!codex.categories.includes('AI') || !hasModeField).toBe(true);
	});

	it('an AI agent\'s tool is offered no "Wait for Callback" where people are', () => {
		const completions = properties.filter((p) => p.name === 'completion');
		const forAgents = completions.filter((p) => p.displayOptions?.show?.['@tool']?.[0] === true);
		const forPeople = completions.filter((p) => p.displayOptions?.show?.['@tool']?.[0] === false);
		expect(forAgents.length).toBeGreaterThan(20);
		expect(forAgents.length).toBe(forPeople.length);
		for (const property of forAgents) expect((property.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(['poll', 'returnImmediately', 'estimate']);
		expect(forPeople.every((p) => (p.options as INodePropertyOptions[]).some((o) => o.value === 'waitForCallback'))).toBe(true);
	});
});
