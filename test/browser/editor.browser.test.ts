/// <reference lib="dom" />
/**
 * The nodes as a user meets them in n8n's editor (2.41.1), in Debian's Chromium: found by search
 * in every node picker, node details and panels that read right, pickers filled from the Akool
 * sandbox, the credential test, and the example workflow run to a video that plays in the editor.
 * One n8n and one browser for the file; screenshots in test/browser/artifacts/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { startN8n } from '../e2e/n8n';
import type { N8n } from '../e2e/n8n';
import { AKOOL, sandboxCredential, TRIGGER, until } from '../e2e/workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAUNCH_ARGS } = require('./chromium') as { LAUNCH_ARGS: string[] };

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(__dirname, 'artifacts');
const SKIP = process.env.BROWSER_TIER_SKIP;

/** What the built node declares (dist/, as n8n loads it): the truth the editor must show. */
interface Option {
	name: string;
	value: string;
	action?: string;
}
interface Property {
	name: string;
	type: string;
	options?: Option[];
	displayOptions?: { show?: Record<string, unknown[]> };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Akool } = require(join(ROOT, 'dist/nodes/Akool/Akool.node.js')) as { Akool: new () => { description: { properties: Property[] } } };
const declared = new Akool().description.properties;
const resourceNames = new Map((declared.find((p) => p.name === 'resource')!.options ?? []).map((o) => [o.value, o.name]));
const operationSelectors = declared.filter((p) => p.name === 'operation');
const actions = operationSelectors.flatMap((p) => (p.options ?? []).map((o) => o.action!));
const operationName = (resource: string, operation: string) =>
	operationSelectors.find((p) => p.displayOptions?.show?.resource?.includes(resource))!.options!.find((o) => o.value === operation)!.name;
const subtitleOf = (resource: string, operation: string) => `${resourceNames.get(resource)}: ${operationName(resource, operation)}`;

/** The words a user types for each kind of Akool job. */
const SEARCH_WORDS = [
	'akool',
	'face swap',
	'swap studio',
	'character swap',
	'head swap',
	'talking avatar',
	'talking photo',
	'lip sync',
	'image to video',
	'text to video',
	'voice',
	'text to speech',
	'video translation',
	'image generation',
	'moderation',
	'knowledge base',
	'reage',
	'face detection',
];

let mock: MockAkool;
let n8n: N8n;
let browser: Browser;
let page: Page;
let credentialId: string;
const shots: string[] = [];

const describeIfBrowser = SKIP ? describe.skip : describe;
if (SKIP) {
	// eslint-disable-next-line no-console
	console.log(SKIP);
}

beforeAll(async () => {
	if (SKIP) return;
	mkdirSync(ARTIFACTS, { recursive: true });
	mock = await startMockAkool({ jobDurationMs: 1_500 });
	n8n = await startN8n();
	credentialId = await sandboxCredential(n8n, mock);
	const { chromium } = await import('playwright-core');
	browser = await chromium.launch({ executablePath: process.env.BROWSER_CHROMIUM, args: LAUNCH_ARGS });
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	page = await context.newPage();
	page.setDefaultTimeout(20_000);
	// Leaving a workflow with unsaved changes asks "leave the page?": yes (each test opens its own).
	page.on('dialog', (dialog) => void dialog.accept());
	// Logged in as a user: the sign-in page of the editor.
	await page.goto(`${n8n.url}/signin`);
	await page.fill('input[name=emailOrLdapLoginId], input[type=email]', n8n.owner!.email);
	await page.fill('input[type=password]', n8n.owner!.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/(home|workflows|projects|workflow)/);
}, 300_000);

afterAll(async () => {
	if (SKIP) return;
	// eslint-disable-next-line no-console
	console.log(`browser tier screenshots (test/browser/artifacts/):\n${shots.map((s) => `  ${s}`).join('\n')}`);
	await browser?.close();
	await n8n?.stop();
	await mock?.close();
});

async function shot(name: string) {
	await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
	shots.push(`${name}.png`);
}

/** Polls `fn` until it returns something other than undefined/false. */
const waitFor = <T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000) => until(n8n, what, fn, timeoutMs);

const texts = async (selector: string) =>
	await page.$$eval(selector, (elements) => elements.map((element) => (element as HTMLElement).innerText.trim().replace(/\s+/g, ' ')));

/** Types a search into the open node creator and returns the names listed once the list is stable. */
async function search(query: string): Promise<string[]> {
	await page.locator('[data-test-id=node-creator-search-bar]').fill(query);
	let last = '';
	let stable = 0;
	return await waitFor(`results for "${query}"`, async () => {
		const names = await texts('[data-test-id=node-creator-item-name]');
		const now = JSON.stringify(names);
		stable = now === last ? stable + 1 : 0;
		last = now;
		return stable >= 3 ? names : undefined;
	});
}

async function openWorkflow(id: string) {
	await page.goto(`${n8n.url}/workflow/${id}`);
	await page.waitForSelector('[data-test-id=canvas-node]');
}

async function newWorkflowWithManualTrigger(name: string, extra: Array<Record<string, unknown>> = [], connections: Record<string, unknown> = {}) {
	const workflow = await n8n.createWorkflow(
		{
			name,
			nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...extra] as never,
			connections: connections as never,
		},
		{ credentials: { akoolApi: { id: credentialId, name: 'Akool sandbox' } } },
	);
	return workflow.id;
}

const akoolNode = (name: string, parameters: Record<string, unknown>, position: [number, number]) => ({
	name,
	type: AKOOL,
	typeVersion: 1,
	position,
	parameters,
	credentials: { akoolApi: { id: 'set-by-createWorkflow', name: 'Akool sandbox' } },
});

/** Closes the node creator (Escape goes back one view at a time). */
async function closeCreator() {
	await waitFor('the node creator to close', async () => {
		if (!(await page.locator('[data-test-id=node-creator]').isVisible())) return true;
		await page.keyboard.press('Escape');
		return undefined;
	});
}

/** Opens a node's panel by double-clicking it on the canvas. */
async function openNode(name: string) {
	await page.dblclick(`[data-test-id=canvas-node][data-node-name="${name}"]`);
	await page.waitForSelector('[data-test-id=node-parameters]');
}

async function closeNode() {
	await page.click('[data-test-id=ndv-close-button]');
	await page.waitForSelector('[data-test-id=ndv]', { state: 'detached' }).catch(() => undefined);
}

/** The labels of the parameters shown in the open panel, in order. */
async function labels(): Promise<string[]> {
	const all = await texts('[data-test-id=node-parameters] .n8n-input-label');
	return all.map((label) => label.replace(/\s*Fixed\s*Expression$/, '').replace(/\s*\*$/, '').trim());
}

/** Opens a dropdown parameter and returns the option names it offers (then closes it). */
async function dropdownOptions(parameter: string): Promise<string[]> {
	const list = await openDropdown(parameter);
	const names = await waitFor(`options of ${parameter}`, async () => {
		const found = await list.locator('.el-select-dropdown__item').allInnerTexts();
		return found.length ? found.map((name) => name.split('\n')[0].trim()) : undefined;
	});
	await page.keyboard.press('Escape');
	await list.waitFor({ state: 'hidden' }).catch(() => undefined);
	return names;
}

/** Clicks a dropdown until its list shows (a panel that is still loading may swallow the first click). */
async function openDropdown(parameter: string) {
	const list = page.locator('.el-select-dropdown:visible').last();
	// Another list still open (e.g. "Add Option"): close it first, so that the one read is ours.
	await waitFor('other lists to close', async () => {
		if (!(await list.isVisible())) return true;
		await page.keyboard.press('Escape');
		return await list.waitFor({ state: 'hidden', timeout: 1_000 }).then(() => true, () => undefined);
	});
	await waitFor(`the ${parameter} list to open`, async () => {
		if (await list.isVisible()) return true;
		await page.locator(`[data-test-id=parameter-input-${parameter}] input`).first().click();
		return await list.waitFor({ timeout: 1_500 }).then(() => true, () => undefined);
	});
	return list;
}

async function choose(parameter: string, option: string) {
	const list = await openDropdown(parameter);
	await list.locator('.el-select-dropdown__item', { hasText: option }).first().click();
}

/** The entries of the Options collection's "Add Option" list. */
async function addableOptions(): Promise<string[]> {
	await page.click('[data-test-id=node-parameters] [data-test-id=collection-parameter-add]');
	const items = page.locator('[data-test-id=collection-parameter-option]:visible');
	await items.first().waitFor();
	const names = (await items.allInnerTexts()).map((name) => name.trim());
	await page.keyboard.press('Escape');
	return names;
}

describeIfBrowser('n8n editor (real browser)', () => {
	let triggerWorkflowId: string;

	beforeAll(async () => {
		triggerWorkflowId = await newWorkflowWithManualTrigger('Search from a workflow with a trigger');
	});

	it('finds the Akool node and trigger by search in every node picker', async () => {
		// 1. A new workflow: "What triggers this workflow?"
		await page.goto(`${n8n.url}/workflow/new`);
		await page.click('[data-test-id=canvas-add-button]');
		const inTriggerPicker: Record<string, string[]> = {};
		for (const word of ['akool', 'akool trigger', 'face swap', 'talking avatar', 'lip sync']) inTriggerPicker[word] = await search(word);
		await search('akool');
		await shot('01-trigger-picker-search-akool');
		for (const [word, names] of Object.entries(inTriggerPicker)) expect({ word, names }).toEqual({ word, names: expect.arrayContaining(['Akool']) });
		// Its Akool entry leads to the trigger's events.
		await page.click('[data-test-id=node-creator-item-name] >> text="Akool"');
		await page.waitForSelector('text=On job completed');
		await shot('02-trigger-picker-akool-events');

		// 2. After a trigger: "What happens next?", search for the words of every resource.
		await openWorkflow(triggerWorkflowId);
		await page.click('[data-test-id=node-creator-plus-button]');
		const found: Record<string, string[]> = {};
		for (const word of SEARCH_WORDS) found[word] = await search(word);
		await search('face swap');
		await shot('03-next-search-face-swap');
		for (const [word, names] of Object.entries(found)) expect({ word, names }).toEqual({ word, names: expect.arrayContaining(['Akool']) });

		// 3. Browsing "Action in an app" lists it.
		await page.locator('[data-test-id=node-creator-search-bar]').fill('');
		await page.getByText('Action in an app', { exact: true }).click();
		const apps = await waitFor('the app list', async () => {
			const names = await texts('[data-test-id=node-creator-item-name]');
			return names.length > 20 ? names : undefined;
		});
		expect(apps).toContain('Akool');
		await closeCreator();

		// 4. The AI view's search.
		await page.click('[data-test-id=node-creator-plus-button]');
		await page.getByText('AI', { exact: true }).first().click();
		expect(await search('akool')).toEqual(expect.arrayContaining(['Akool', 'Akool Tool']));
		await shot('04-ai-view-search-akool');
		await closeCreator();
	});

	it('node details read as the whole integration and list exactly the operations the node declares', async () => {
		await openWorkflow(triggerWorkflowId);
		await page.click('[data-test-id=node-creator-plus-button]');
		await search('akool');
		await page.click('[data-test-id=node-creator-item-name] >> text="Akool"');
		const panel = page.locator('[data-test-id=node-creator]');
		await panel.getByText(`Actions (${actions.length})`).waitFor();
		await shot('05-node-details-actions');
		// The list renders in steps: read it once it is stable.
		let previous = '';
		let stable = 0;
		const text = await waitFor('the node details to render', async () => {
			const now = await panel.innerText();
			stable = now === previous ? stable + 1 : 0;
			previous = now;
			return stable >= 3 ? now : undefined;
		});
		// n8n shows the trigger's description for a node + trigger pair: it must introduce both.
		expect(text).toContain('AI video with Akool');
		expect(text).toMatch(/trigger that starts a workflow/);
		expect(text).toContain('Triggers (3)');
		const lines = text.split('\n').map((line) => line.trim());
		const listed = lines.slice(lines.indexOf(`Actions (${actions.length})`) + 1, lines.indexOf('Triggers (3)'));
		// Section headings ("FACE SWAP ACTIONS") and the actions, nothing else (no stray "Animate" or "Replace").
		const shownActions = listed.filter((line) => line !== '' && !/ ACTIONS$/.test(line));
		expect(shownActions.sort()).toEqual([...actions].sort());
		await page.keyboard.press('Escape');
	});

	it('an AI agent finds "Akool Tool": it starts on Swap Plus, returns URLs and offers no "Wait for Callback"', async () => {
		await page.goto(`${n8n.url}/workflow/new`);
		await page.click('[data-test-id=canvas-add-button]');
		await search('manual');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Escape');
		await page.click('[data-test-id=node-creator-plus-button]');
		await search('AI Agent');
		await page.keyboard.press('Enter');
		await page.waitForSelector('[data-test-id=ndv]');
		await page.keyboard.press('Escape');
		await page.click('[data-test-id=canvas-node-input-handle][data-connection-type=ai_tool] [data-test-id=canvas-handle-plus]');
		expect(await search('akool')).toContain('Akool Tool');
		await shot('06-agent-tool-picker-akool');
		await page.click('[data-test-id=node-creator-item-name] >> text="Akool Tool"');
		await page.waitForSelector('[data-test-id=node-parameters]');
		const value = async (parameter: string) => await page.locator(`[data-test-id=parameter-input-${parameter}] input`).first().inputValue();
		expect(await value('resource')).toBe('Face Swap');
		expect(await value('operation')).toBe('Swap Plus');
		expect(await value('returnAs')).toBe('URL');
		const modes = await dropdownOptions('completion');
		expect(modes).toEqual(['Poll Until Done', 'Return Immediately', 'Estimate Credits Only (Free)']);
		// The tool's own Description for the model (per operation), not n8n's "<action> in Akool".
		const description = async () => await page.locator('[data-test-id=parameter-input-toolDescription] textarea').first().inputValue();
		expect(await description()).toMatch(/^Swap faces with Face Swap Plus \(Akool\): .*Needs: .*resultUrl/s);
		await shot('07-akool-tool-panel');
		// Another operation: its own description, not the previous one's.
		await choose('operation', 'Swap Pro');
		await waitFor('the operation change', async () => (await page.locator('[data-test-id=parameter-input-operation] input').first().inputValue()) === 'Swap Pro' || undefined);
		await shot('17-akool-tool-description-after-operation-change');
		expect(await description()).toMatch(/^Swap a face with Face Swap Pro \(Akool\): /);
		await closeNode();
	});

	it('panels read right: subtitles, labels, lists that follow the model, multi-select languages, download defaults, the trigger notice', async () => {
		const models = (await (await fetch(`${mock.url}/api/open/v4/aigModel/list?types[]=1501`, { headers: { 'x-api-key': mock.apiKey } })).json()) as {
			data: Array<{ value: string; label: string; resolutionList: Array<{ value: string; label: string }>; durationList: number[] }>;
		};
		const withResolutions = models.data.filter((model) => model.resolutionList.length > 0);
		const [first, second] = [withResolutions[0], withResolutions.find((model) => model.resolutionList.map((r) => r.value).join() !== withResolutions[0].resolutionList.map((r) => r.value).join())!];
		expect(second).toBeDefined();

		const id = await newWorkflowWithManualTrigger('Panels', [
			akoolNode('Avatar Video', { resource: 'talkingAvatar', operation: 'createVideo' }, [300, -300]),
			akoolNode('Batch', { resource: 'imageToVideo', operation: 'createBatch', modelName: first.value }, [300, 0]),
			akoolNode('Translate', { resource: 'videoTranslation', operation: 'create' }, [300, 300]),
			akoolNode('Download', { resource: 'job', operation: 'download' }, [600, -300]),
			akoolNode('Swap', { resource: 'characterSwap', operation: 'create', returnAs: 'url' }, [600, 0]),
			{ name: 'Akool Trigger', type: TRIGGER, typeVersion: 1, position: [600, 300], parameters: {}, webhookId: '11111111-2222-4333-8444-555555555555', credentials: { akoolApi: { id: 'x', name: 'Akool sandbox' } } },
		]);
		await openWorkflow(id);
		await shot('08-canvas-subtitles');
		// Canvas subtitles: the names the editor shows, not "createVideo: talkingAvatar".
		const subtitles = await texts('[data-test-id=canvas-node] [class*=subtitle]');
		for (const [resource, operation] of [
			['talkingAvatar', 'createVideo'],
			['imageToVideo', 'createBatch'],
			['videoTranslation', 'create'],
			['job', 'download'],
			['characterSwap', 'create'],
		]) {
			expect(subtitles).toContain(subtitleOf(resource, operation));
		}

		// Talking Avatar → Create Video: no two fields with the same label in a row.
		await openNode('Avatar Video');
		const avatarLabels = await labels();
		expect(avatarLabels).toEqual(expect.arrayContaining(['Avatar Source', 'Avatar']));
		expect(avatarLabels.filter((label, k) => label === avatarLabels[k - 1])).toEqual([]);
		await shot('09-talking-avatar-panel');
		await closeNode();

		// Image to Video → Create Batch: Resolution and Video Length follow the chosen model.
		await openNode('Batch');
		expect(await dropdownOptions('resolution')).toEqual(first.resolutionList.map((r) => r.label || r.value));
		expect(await dropdownOptions('videoLength')).toEqual(first.durationList.map((s) => `${s} Seconds`));
		await choose('modelName', second.label);
		await waitFor('the resolutions of the second model', async () =>
			JSON.stringify(await dropdownOptions('resolution')) === JSON.stringify(second.resolutionList.map((r) => r.label || r.value)) || undefined,
		);
		await shot('10-batch-resolution-follows-model');
		await closeNode();

		// Video Translation: More Target Languages is a multi-select filled from Akool's list.
		await openNode('Translate');
		await page.click('[data-test-id=node-parameters] [data-test-id=collection-parameter-add]');
		await page.locator('[data-test-id=collection-parameter-option]:visible', { hasText: 'More Target Languages' }).click();
		const languages = await dropdownOptions('moreLanguages');
		const sandbox = (await (await fetch(`${mock.url}/api/open/v3/language/list`, { headers: { 'x-api-key': mock.apiKey } })).json()) as { data: { lang_list: Array<{ lang_code: string; lang_name: string }> } };
		expect(languages).toEqual(sandbox.data.lang_list.map((language) => `${language.lang_name} (${language.lang_code})`));
		await shot('11-translation-more-languages');
		await closeNode();

		// Job → Download starts from the previous node's result link.
		await openNode('Download');
		expect(await page.locator('[data-test-id=parameter-input-url]').innerText()).toContain('{{ $json.resultUrl }}');
		await shot('12-download-url-default');
		await closeNode();

		// Return As "URL": no download-only options; "Binary File": they are offered.
		await openNode('Swap');
		expect(await addableOptions()).not.toContain('Max File Size (MB)');
		await choose('returnAs', 'Binary File');
		expect(await addableOptions()).toEqual(expect.arrayContaining(['Max File Size (MB)', 'Allowed Download Hosts']));
		await closeNode();

		// The trigger: its notice points at the collapsed "Webhook URLs" section by its name.
		await openNode('Akool Trigger');
		const panelText = await page.locator('[data-test-id=ndv]').innerText();
		expect(panelText).toContain('Webhook URLs');
		expect(panelText).toContain('Open "Webhook URLs" at the top of this panel');
		await shot('13-trigger-panel');
		await closeNode();
	});

	it('a person sees the price before paying: "Estimate Credits Only" runs free and shows the estimate; the budget options are offered', async () => {
		const id = await newWorkflowWithManualTrigger('Price first', [
			akoolNode(
				'Price',
				{ resource: 'characterSwap', operation: 'create', imageUrl: { __rl: true, mode: 'url', value: 'https://example.com/hero.png' }, videoUrl: { __rl: true, mode: 'url', value: 'https://example.com/dance.mp4' }, completion: 'estimate', options: { duration: 12 } },
				[300, 0],
			),
		], { Start: { main: [[{ node: 'Price', type: 'main', index: 0 }]] } });
		const before = mock.apiRequests().length;
		await openWorkflow(id);
		await page.click('[data-test-id=execute-workflow-button]');
		await waitFor('the execution to finish', async () => (await n8n.executions(id)).find((execution) => execution.status === 'success'), 60_000);
		await openNode('Price');
		expect(await page.locator('[data-test-id=parameter-input-completion] input').first().inputValue()).toBe('Estimate Credits Only (Free)');
		// Nothing to download in this mode.
		expect(await labels()).not.toContain('Return As');
		const panel = await waitFor('the estimate in the output', async () => {
			const text = await page.locator('[data-test-id=ndv]').innerText();
			return text.includes('estimatedCredits') ? text : undefined;
		});
		expect(panel).toMatch(/estimatedCredits[\s\S]*30/);
		await shot('18-estimate-credits-only');
		// Not one request reached Akool.
		expect(mock.apiRequests().length).toBe(before);
		await choose('completion', 'Poll Until Done');
		expect(await addableOptions()).toEqual(expect.arrayContaining(['Max Credits per Run', 'Stop Below Balance']));
		await closeNode();
	});

	it('the credential test passes with the sandbox key and fails with a clear message for a wrong one', async () => {
		const results: Record<string, string> = {};
		for (const [name, key] of [
			['wrong', 'wrong-key-0123456789abcd'],
			['right', mock.apiKey],
		]) {
			await page.goto(`${n8n.url}/home/credentials`);
			await page.click('[data-test-id=add-resource-credential]');
			await page.keyboard.type('Akool');
			await page.locator('[data-test-id=new-credential-type-select-option]', { hasText: 'Akool API' }).click();
			await page.click('[data-test-id=new-credential-type-button]');
			await page.locator('[data-test-id=parameter-input-apiKey] input').fill(key);
			await page.locator('[data-test-id=parameter-input-baseUrl] input').fill(mock.url);
			await page.click('[data-test-id=credential-save-button]');
			const modal = page.locator('[data-test-id=editCredential-modal]');
			await waitFor('the credential test result', async () => /Connection tested successfully|Couldn.t connect/.test(await modal.innerText()) || undefined);
			if (name === 'wrong') await modal.getByText('More details').click();
			results[name] = await modal.innerText();
			await shot(`14-credential-test-${name}-key`);
			await page.keyboard.press('Escape');
		}
		expect(results.right).toContain('Connection tested successfully');
		expect(results.wrong).toContain("Couldn’t connect");
		expect(results.wrong).toContain('Akool rejected the API key (code 1101)');
	});

	it('every media field offers "Binary" beside the URL; the form example shows its fields; a plain URL string still shows its link', async () => {
		const form = JSON.parse(readFileSync(join(ROOT, 'examples', 'form-photo-to-talking-photo.json'), 'utf8')) as { nodes: Array<{ name: string; parameters: Record<string, unknown> }> };
		const talking = form.nodes.find((node) => node.name === 'Talking Photo')!;
		const id = await newWorkflowWithManualTrigger('Binary inputs', [
			akoolNode('Talking Photo', talking.parameters, [300, 0]),
			// Saved before media fields had modes: a plain string.
			akoolNode('Lip Sync', { resource: 'lipSync', operation: 'create', videoUrl: 'https://example.com/talk.mp4', audioUrl: 'https://example.com/voice.mp3' }, [300, 300]),
		]);
		await openWorkflow(id);
		const field = (name: string) => page.locator(`[data-test-id=resource-locator-${name}]`);
		const modeOf = async (name: string) => await field(name).locator('[data-test-id=rlc-mode-selector] input').first().inputValue();
		const valueOf = async (name: string) => await field(name).locator('[data-test-id=rlc-input]').first().inputValue();

		await openNode('Talking Photo');
		expect(await labels()).toEqual(expect.arrayContaining(['Photo', 'Audio']));
		expect(await modeOf('photoUrl')).toBe('Binary');
		expect(await valueOf('photoUrl')).toBe('Photo');
		expect(await modeOf('audioUrl')).toBe('Binary');
		expect(await valueOf('audioUrl')).toBe('Recording');
		await shot('16-binary-file-inputs');
		await closeNode();

		await openNode('Lip Sync');
		// n8n shows the link with no mode chosen ("Mode..."); the node reads a plain string as a URL (workflow tier).
		expect(await valueOf('videoUrl')).toBe('https://example.com/talk.mp4');
		await field('videoUrl').locator('[data-test-id=rlc-mode-selector] input').first().click();
		const modes = page.locator('.el-select-dropdown:visible').last().locator('.el-select-dropdown__item');
		await modes.first().waitFor();
		expect((await modes.allInnerTexts()).map((mode) => mode.trim())).toEqual(expect.arrayContaining([expect.stringMatching(/URL/), 'Binary']));
		await page.keyboard.press('Escape');
		await closeNode();
	});

	it('the example workflow runs in the editor and its video plays in the binary viewer', async () => {
		const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'character-swap-to-file.json'), 'utf8')) as { nodes: Array<{ parameters: Record<string, unknown> }> };
		for (const node of example.nodes) {
			if (node.parameters.operation === 'create') node.parameters.options = { ...(node.parameters.options as object), pollIntervalSeconds: 0.5 };
		}
		const workflow = await n8n.createWorkflow(example as never, { credentials: { akoolApi: { id: credentialId, name: 'Akool sandbox' } } });
		await openWorkflow(workflow.id);
		await page.click('[data-test-id=execute-workflow-button]');
		await waitFor('the execution to finish', async () => (await n8n.executions(workflow.id)).find((execution) => execution.status === 'success'), 60_000);
		await openNode('Character Swap');
		await page.click('[data-test-id=ndv-view-binary-data]');
		const video = await waitFor('the video to load', async () =>
			await page.evaluate(() => {
				const element = document.querySelector('video');
				return element && element.readyState >= 2 ? { duration: element.duration, width: element.videoWidth, error: element.error?.code ?? null } : undefined;
			}),
		);
		await shot('15-example-video-in-binary-viewer');
		expect(video.error).toBeNull();
		expect(video.duration).toBeGreaterThan(0);
		expect(video.width).toBeGreaterThan(0);
		await closeNode();
	});
});
