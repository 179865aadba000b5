import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { prepareJob, readJobSettings } from '../helpers/completion';
import type { JobRequest } from '../helpers/completion';
import { linkExpirySeconds, signedLinkFor } from '../helpers/inputs';
import type { MediaKind } from '../helpers/inputs';
import { fetchPages } from '../helpers/pagination';
import type { PagedList } from '../helpers/pagination';
import { callsBackOnce, CREATE_ENDPOINTS, JOB_FAMILIES, outputRecord } from '../helpers/jobs';
import { estimateRequest, mediaProbe } from '../helpers/pricing';
import { SETTINGS, TOOL_MAX_WAIT_MINUTES } from '../helpers/settings';
import { getBaseUrl } from '../transport';
import type { CreateEndpointKey } from '../helpers/jobs';
import {
	getBoolean,
	getIdList,
	getLocator,
	getNumber,
	getNumberList,
	getOption,
	getString,
	getUrl,
	getUrlList,
	getValueList,
	invalidField,
} from '../helpers/validation';
import { byName, FOR_AGENTS, jobCompletionFields } from './common.descriptions';
import type { Operation, PreparedRun } from './types';

/**
 * Operations as declarations. A field is written once — its n8n name, label, Akool body key,
 * type, limits and whether it sits in "Options" — and both the editor description and the
 * validation are generated from it, so they cannot drift. `defineCreate` adds the async-job
 * contract (completion modes, Return As, webhook, one item per job) from the job table;
 * `defineAction` is for everything answered at once. `defineResource` (one per folder) turns a
 * list of operations into the operation selector, the displayOptions and the router's map.
 */

type Show = Record<string, Array<string | number | boolean>>;

interface FieldBase {
	/** The n8n parameter name: a contract with saved workflows. */
	name: string;
	/** The label in the editor; errors name the field by it. */
	label: string;
	/** The Akool body key (dots nest: `a.b`). Without it the value is read and checked, not sent. */
	akool?: string;
	description?: string;
	placeholder?: string;
	hint?: string;
	/** In the Options collection: sent only when the user adds it. */
	optional?: boolean;
	/** Must be given (top-level fields; editor asterisk and validation). */
	required?: boolean;
	/** Shown, read and sent only when earlier top-level fields have one of these values. */
	show?: Show;
}

/**
 * A media input Akool fetches: a public URL or ("Binary" mode) a binary file of the input
 * item, published for Akool through a signed n8n link (helpers/inputs.ts). `media`: the kinds a
 * binary file may be (default from the label: video, audio, else image); `maxMb`: Akool's size
 * limit where it documents one; `binary: false`: URL only (an input whose exact URL string
 * matters later, e.g. the media of a Swap Studio analysis, which a new signed link would not match).
 */
interface MediaInput {
	media?: MediaKind[];
	maxMb?: number;
	binary?: false;
}

export type Field =
	/** `emptyIsValue`: an added but empty option is sent as "" (Update: clear the value). */
	| (FieldBase & { type: 'string'; maxLength?: number; rows?: number; default?: string; emptyIsValue?: boolean })
	| (FieldBase & MediaInput & { type: 'url' })
	/** Several URLs (or binary files): commas or new lines, or an array from an expression. */
	| (FieldBase & MediaInput & { type: 'urlList'; min?: number; max?: number })
	| (FieldBase & { type: 'number'; default: number; min?: number; max?: number; integer?: boolean })
	/** `asInteger`: Akool wants 0/1 (v3 face swap's face_enhance). */
	| (FieldBase & { type: 'boolean'; default: boolean; asInteger?: boolean })
	| (FieldBase & {
			type: 'options';
			options: ReadonlyArray<{ name: string; value: string | number; description?: string }>;
			default: string | number;
	  })
	/**
	 * A dropdown filled from Akool (loadOptions); any id may be given by expression. `dependsOn`:
	 * reloaded when those fields change (a model's own resolutions); `numeric`: sent as a number
	 * within these limits (checked before any request; the list itself only when the item runs).
	 */
	| (FieldBase & {
			type: 'dynamicOptions';
			loadOptionsMethod: string;
			dependsOn?: string[];
			numeric?: { min?: number; max?: number; integer?: boolean };
	  })
	/** Several values of a list filled from Akool (a multi-select); sent as an array. */
	| (FieldBase & { type: 'dynamicMultiOptions'; loadOptionsMethod: string; max?: number })
	/** Akool ids: commas or spaces, or an array; sent as one comma string or as an array. */
	| (FieldBase & { type: 'idList'; max?: number; sendAs?: 'comma' | 'array' })
	/** Numbers such as a bounding box "x1, y1, x2, y2". */
	| (FieldBase & { type: 'numberList'; length?: number; min?: number })
	/** A searchable picker (resource locator: From List via `searchListMethod`, or By ID). */
	| (FieldBase & { type: 'locator'; searchListMethod: string; idPlaceholder?: string })
	/** Repeated groups of sub-fields (a fixedCollection), sent as an array of objects. */
	| (FieldBase & { type: 'list'; itemLabel: string; fields: Field[]; min?: number; max?: number });

export type Values = Record<string, unknown>;

/** `object` without `keys` (for answers and bodies). */
export function omit(object: IDataObject, keys: string[]): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/** What checks and builders receive: the item, the values read (by n8n name) and the body so far. */
export interface Input {
	i: number;
	values: Values;
	body: IDataObject;
}

const BINARY_HINT =
	'A public URL, or (mode Binary) a file of the input item, e.g. from a form, which n8n publishes for Akool through a signed link that expires (n8n must be reachable from the internet)';
const EXPRESSION_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';
const LIST_ITEMS = 'values';

function visible(field: Field, values: Values): boolean {
	if (!field.show) return true;
	return Object.entries(field.show).every(([name, allowed]) => allowed.some((value) => String(value) === String(values[name])));
}

function setPath(target: IDataObject, path: string, value: unknown) {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as IDataObject;
	node[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
}

function isSet(ctx: IExecuteFunctions, path: string, i: number): boolean {
	const [collection, name] = path.split('.');
	const options = ctx.getNodeParameter(collection, i, {}) as IDataObject;
	return options !== null && typeof options === 'object' && name in options;
}

const takesBinary = (field: Field): boolean => (field.type === 'url' || field.type === 'urlList') && field.binary !== false;

/** A field's name in the panel and in errors: a media input that may be a file is not only a URL ("Photo URL" → "Photo"). */
export function labelOf(field: Field): string {
	return takesBinary(field) ? field.label.replace(/\s+URLs$/, 's').replace(/\s+URL$/, '') : field.label;
}

/** The kinds of file a media input takes: declared, else from its label. */
function mediaOf(field: FieldBase & MediaInput): MediaKind[] {
	if (field.media) return field.media;
	const label = field.label.toLowerCase();
	const kinds: MediaKind[] = [];
	if (/image|photo|picture|portrait|face|hairstyle|frame/.test(label)) kinds.push('image');
	if (/video/.test(label)) kinds.push('video');
	if (/audio|voice|recording|speech|sound/.test(label)) kinds.push('audio');
	return kinds.length ? kinds : ['document'];
}

/**
 * Where a binary-file input's signed link points and how long it lives, for one item (prepare
 * reads it once, asynchronously: the credential's Base URL).
 */
interface LinkContext {
	akoolBaseUrl: string;
	expiresInSeconds: number;
	/** Each signed link → the binary file it publishes (price estimates read its header). */
	files: Map<string, IBinaryData>;
}

/** The RL mode of a media input and its text: a plain string is a URL (saved workflows, expressions). */
function mediaValue(ctx: IExecuteFunctions, path: string, i: number): { mode: string; text: unknown } {
	const raw = ctx.getNodeParameter(path, i, '') as unknown;
	if (raw && typeof raw === 'object' && (raw as IDataObject).__rl === true) {
		return { mode: String((raw as IDataObject).mode ?? 'url'), text: (raw as IDataObject).value };
	}
	return { mode: 'url', text: raw };
}

function readMedia(ctx: IExecuteFunctions, i: number, field: Extract<Field, { type: 'url' | 'urlList' }>, path: string, label: string, links: LinkContext): unknown {
	const required = field.required === true && !field.optional;
	const { mode, text } = mediaValue(ctx, path, i);
	if (mode !== 'binary') {
		if (field.type === 'url') {
			const value = getUrl.call(ctx, path, i, label, { required, binaryMode: field.binary !== false });
			return value === '' ? undefined : value;
		}
		return getUrlList.call(ctx, path, i, label, { min: field.min, max: field.max });
	}
	// Binary: the names of binary fields of the input item, each published as a signed link.
	const names = (Array.isArray(text) ? text.map(String) : String(text ?? '').split(/[\n,]+/)).map((name) => name.trim()).filter(Boolean);
	const min = field.type === 'urlList' ? (field.min ?? 1) : required ? 1 : 0;
	if (names.length < min) throw invalidField(ctx, i, label, 'needs the name of a binary field of the input item (e.g. "data")');
	if (names.length > (field.type === 'urlList' ? (field.max ?? Infinity) : 1)) {
		throw invalidField(ctx, i, label, `accepts at most ${field.type === 'urlList' ? field.max : 1} binary field${field.type === 'url' ? '' : 's'} (got ${names.length})`);
	}
	if (names.length === 0) return undefined;
	const rules = { media: mediaOf(field), maxMb: field.maxMb, ...links };
	const signed = names.map((name) => signedLinkFor.call(ctx, i, name, label, rules));
	return field.type === 'url' ? signed[0] : signed;
}

/** Reads and validates one field at `path` (a parameter path); undefined = not sent. */
function readField(ctx: IExecuteFunctions, i: number, field: Field, path: string, label: string, links: LinkContext): unknown {
	const required = field.required === true && !field.optional;
	switch (field.type) {
		case 'string': {
			const value = getString.call(ctx, path, i, label, { required, maxLength: field.maxLength });
			return value === '' && !field.emptyIsValue ? undefined : value;
		}
		case 'url':
		case 'urlList':
			return readMedia(ctx, i, field, path, label, links);
		case 'number':
			return getNumber.call(ctx, path, i, label, {
				min: field.min,
				max: field.max,
				integer: field.integer,
				fallback: field.default,
			});
		case 'boolean': {
			const value = getBoolean.call(ctx, path, i, label, field.default);
			return field.asInteger ? Number(value) : value;
		}
		case 'options':
			return getOption(ctx, path, i, label, field.options.map((option) => option.value), field.default);
		case 'dynamicOptions': {
			if (field.numeric) {
				const raw = ctx.getNodeParameter(path, i, '') as unknown;
				if ((raw === '' || raw === null || raw === undefined) && !required) return undefined;
				return getNumber.call(ctx, path, i, label, field.numeric);
			}
			const value = getString.call(ctx, path, i, label, { required, maxLength: 200 });
			return value === '' ? undefined : value;
		}
		case 'dynamicMultiOptions': {
			const values = getValueList.call(ctx, path, i, label, field.max);
			return values.length ? values : undefined;
		}
		case 'idList': {
			const ids = getIdList.call(ctx, path, i, label, field.max);
			return field.sendAs === 'array' ? ids : ids.join(',');
		}
		case 'numberList':
			return getNumberList.call(ctx, path, i, label, { length: field.length, min: field.min, required });
		case 'locator': {
			const value = getLocator.call(ctx, path, i, label, { required });
			return value === '' ? undefined : value;
		}
		case 'list': {
			const raw = ctx.getNodeParameter(`${path}.${LIST_ITEMS}`, i, []) as unknown;
			const count = Array.isArray(raw) ? raw.length : 0;
			const min = field.min ?? (required ? 1 : 0);
			if (count < min) throw invalidField(ctx, i, label, `needs at least ${min} ${field.itemLabel.toLowerCase()}${min === 1 ? '' : 's'} (got ${count})`);
			if (field.max !== undefined && count > field.max) {
				throw invalidField(ctx, i, label, `accepts at most ${field.max} ${field.itemLabel.toLowerCase()}s (got ${count})`);
			}
			if (count === 0) return undefined;
			return Array.from({ length: count }, (_, k) =>
				readFields(ctx, i, field.fields, links, `${path}.${LIST_ITEMS}[${k}]`, `${label} ${k + 1}: `).body,
			);
		}
	}
}

/**
 * Reads every field of `fields` for item i, in order (so `show` may refer to earlier fields),
 * and builds the Akool body from the `akool` keys. Optional fields are read only when the user
 * added them to Options.
 */
function readFields(
	ctx: IExecuteFunctions,
	i: number,
	fields: Field[],
	links: LinkContext,
	prefix = '',
	labelPrefix = '',
): { values: Values; body: IDataObject } {
	const values: Values = {};
	const body: IDataObject = {};
	for (const field of fields) {
		if (!visible(field, values)) continue;
		const path = prefix ? `${prefix}.${field.name}` : field.optional ? `options.${field.name}` : field.name;
		if (field.optional && !prefix && !isSet(ctx, path, i)) continue;
		const value = readField(ctx, i, field, path, `${labelPrefix}${labelOf(field)}`, links);
		values[field.name] = value;
		if (value !== undefined && field.akool) setPath(body, field.akool, value);
	}
	return { values, body };
}

function describe(field: Field): string | undefined {
	switch (field.type) {
		case 'urlList':
			return [field.description, 'Separate several with commas or new lines, or give a list with an expression.', field.binary === false ? '' : BINARY_HINT]
				.filter(Boolean)
				.join(' ');
		case 'url':
			return [field.description, field.binary === false ? '' : BINARY_HINT].filter(Boolean).join('. ');
		case 'dynamicOptions':
		case 'dynamicMultiOptions':
			return [field.description, EXPRESSION_HINT].filter(Boolean).join('. ');
		default:
			return field.description;
	}
}

/** The editor description of one field (the same spec the validation reads). */
export function toProperty(field: Field): INodeProperties {
	const property: INodeProperties = {
		displayName: labelOf(field),
		name: field.name,
		type: 'string',
		default: '',
		description: describe(field),
	};
	if (field.placeholder) property.placeholder = field.placeholder;
	if (field.hint) property.hint = field.hint;
	if (field.required && !field.optional) property.required = true;
	if (field.show) property.displayOptions = { show: field.show };
	if (takesBinary(field)) {
		// Written as a `modes:` literal so that n8n's lint (and its package scanner) sees modes, not parameters.
		return {
			...property,
			placeholder: undefined,
			type: 'resourceLocator',
			default: { mode: 'url', value: '' },
			modes: [
				{ displayName: 'URL', name: 'url', type: 'string', placeholder: field.placeholder ?? 'https://example.com/file' },
				{ displayName: 'Binary', name: 'binary', type: 'string', placeholder: field.type === 'urlList' ? 'photo1, photo2' : 'data', hint: field.type === 'urlList' ? 'Binary files of the input item: the names of their fields, comma-separated (e.g. files from a Form Trigger)' : 'A binary file of the input item: the name of its field (e.g. data, or a Form Trigger field\'s label)' },
			],
		};
	}
	switch (field.type) {
		case 'string':
			property.default = field.default ?? '';
			if (field.rows) property.typeOptions = { rows: field.rows };
			break;
		case 'number':
			property.type = 'number';
			property.default = field.default;
			property.typeOptions = {
				...(field.min !== undefined ? { minValue: field.min } : {}),
				...(field.max !== undefined ? { maxValue: field.max } : {}),
				...(field.integer ? {} : { numberPrecision: 2 }),
			};
			break;
		case 'boolean':
			property.type = 'boolean';
			property.default = field.default;
			break;
		case 'options':
			property.type = 'options';
			property.options = field.options.map((option) => ({ ...option }));
			property.default = field.default;
			break;
		case 'dynamicOptions':
			property.type = 'options';
			property.typeOptions = {
				loadOptionsMethod: field.loadOptionsMethod,
				...(field.dependsOn ? { loadOptionsDependsOn: field.dependsOn } : {}),
			};
			break;
		case 'dynamicMultiOptions':
			property.type = 'multiOptions';
			property.default = [];
			property.typeOptions = { loadOptionsMethod: field.loadOptionsMethod };
			break;
		case 'locator': {
			// Written as a `modes:` literal so that n8n's lint (and its package scanner) sees modes, not parameters.
			return {
				...property,
				placeholder: undefined,
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: field.searchListMethod, searchable: true } },
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: field.idPlaceholder ?? field.placeholder ?? '' },
				],
			};
		}
		case 'list':
			property.type = 'fixedCollection';
			property.default = {};
			property.placeholder = field.placeholder ?? `Add ${field.itemLabel}`;
			property.typeOptions = { multipleValues: true, ...(field.max ? { maxAllowedFields: field.max } : {}) };
			property.options = [{ displayName: field.itemLabel, name: LIST_ITEMS, values: field.fields.map(toProperty) }];
			break;
		default:
			break;
	}
	return property;
}

/**
 * "Additional Body Fields (JSON)" on every create: fields Akool adds before the node knows them,
 * merged into the request (they win over the node's own fields, except the webhook, which the
 * completion mode owns). Validated as a JSON object before any request.
 */
const additionalFieldsOption: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: 'additionalFields',
	type: 'json',
	default: '{}',
	description: 'Extra fields for the Akool request as a JSON object, e.g. {"voice_options": {"emotion": "happy"}}. They override the fields above; nested objects are merged key by key.',
};

const WEBHOOK_KEYS = ['webhookUrl', 'webhookurl'];

const isObject = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `extra` over `body`; nested objects (e.g. voice_options) are merged key by key, not replaced. */
function merge(body: IDataObject, extra: IDataObject): IDataObject {
	const out: IDataObject = { ...body };
	for (const [key, value] of Object.entries(extra)) {
		out[key] = isObject(value) && isObject(out[key]) ? merge(out[key] as IDataObject, value) : value;
	}
	return out;
}

function readAdditionalFields(ctx: IExecuteFunctions, i: number): IDataObject {
	const label = 'Additional Body Fields (JSON)';
	const raw = ctx.getNodeParameter('options.additionalFields', i, {}) as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		if (raw.length > 100_000) throw invalidField(ctx, i, label, 'is longer than 100,000 characters');
		try {
			value = JSON.parse(raw) as unknown;
		} catch (error) {
			throw invalidField(ctx, i, label, `is not valid JSON (${(error as Error).message})`);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidField(ctx, i, label, 'must be a JSON object, e.g. {"field": "value"}');
	}
	const webhook = Object.keys(value).find((key) => WEBHOOK_KEYS.includes(key));
	if (webhook) throw invalidField(ctx, i, label, `may not set "${webhook}"`, 'Use the Webhook URL option or "Wait for Callback" instead.');
	return value as IDataObject;
}

interface OperationMeta {
	/** The operation value: a contract with saved workflows. */
	value: string;
	name: string;
	/** What the operation does, as n8n shows it in the actions list ("Swap a face in an image"). */
	action: string;
	description: string;
	fields: Field[];
	/** Checks across fields, before any request; may return the body to send instead. */
	check?: (this: IExecuteFunctions, input: Input) => IDataObject | void;
}

function optionOf(meta: OperationMeta): INodePropertyOptions & { action: string } {
	return { name: meta.name, value: meta.value, action: meta.action, description: meta.description };
}

/** The first sentence of a field's description, short: what an agent needs to fill it. */
function gist(field: Field): string {
	let text = (field.description ?? '').replace(/<[^>]+>/g, '');
	// Without asides (an unbalanced parenthesis would confuse the list).
	for (let before = ''; before !== text; ) [before, text] = [text, text.replace(/\s*\([^()]*\)/g, '')];
	text = text.split(/(?<=[.;:])\s|\s—\s/)[0].replace(/[.;:]$/, '');
	return text.length > 140 ? `${text.slice(0, 137)}…` : text;
}

/**
 * What an AI agent reads about this operation (the tool's "Description", shown only when the node
 * is an agent's Akool Tool; people may rewrite it): what it does, what it needs, what it returns,
 * how long it takes. Written from the declaration, so it follows the fields.
 */
function toolDescriptionOf(meta: OperationMeta, kind: 'create' | 'action', resultIsFile: boolean): INodeProperties {
	const needed = meta.fields.filter((field) => !field.optional);
	const needs = needed.length
		? `Needs: ${needed.map((field) => `${labelOf(field)}${field.show ? ' (for some choices)' : ''}${gist(field) ? ` (${gist(field)})` : ''}`).join('; ')}.`
		: 'Needs no input.';
	const media = meta.fields.some(takesBinary) ? ' Media inputs are public http(s) URLs.' : '';
	const returns =
		kind === 'create'
			? `Starts an Akool job (billed in credits) and waits for it to finish (usually seconds to a few minutes; at most ${TOOL_MAX_WAIT_MINUTES} minutes here), then returns jobId, status${resultIsFile ? ', resultUrl (a link to the result file, valid for 7 days: give it to the user)' : ', result (the analysis)'}, estimatedCredits (from Akool's published prices, null when unknown) and chargedCredits (what Akool billed). If it is not done in time, or fails after the job was created, the answer has the jobId and the error: do not call this again for the same request, since every call is billed.`
			: 'Answers at once and creates no paid job.';
	return toolDescriptionProperty(`${meta.action} (Akool): ${meta.description.replace(/\.$/, '')}. ${needs}${media} ${returns}`);
}

/**
 * The tool's "Description" (n8n reads the `toolDescription` parameter; with our own, n8n adds no
 * "Set Automatically" choice, whose text would be only "<action> in Akool").
 */
export function toolDescriptionProperty(text: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		displayOptions: { show: FOR_AGENTS },
		description: 'What the AI agent reads about this tool: what it does, needs and returns. Written from the operation; rewrite it for your agent if you like.',
	};
}

const required = (fields: Field[]) => fields.filter((field) => !field.optional).map(toProperty);
const optional = (fields: Field[]) => fields.filter((field) => field.optional).map(toProperty);

/**
 * For binary-file inputs: the Base URL Akool runs at (a local sandbox may fetch a local n8n) and
 * how long a signed link lives: as long as the node waits for the job, plus an hour (read raw
 * here; the settings are validated with the job settings). Actions are answered at once: 1 hour.
 */
async function linkContext(ctx: IExecuteFunctions, i: number, job: boolean): Promise<LinkContext> {
	const akoolBaseUrl = await getBaseUrl.call(ctx);
	const files = new Map<string, IBinaryData>();
	if (!job) return { akoolBaseUrl, expiresInSeconds: linkExpirySeconds(undefined, 0), files };
	const completion = String(ctx.getNodeParameter('completion', i, 'poll'));
	const minutes = (name: string, fallback: number) => {
		const value = Number(ctx.getNodeParameter(`options.${name}`, i, fallback));
		return Number.isFinite(value) && value > 0 ? value : fallback;
	};
	const waitMinutes = completion === 'waitForCallback' ? minutes('waitLimitMinutes', SETTINGS.waitLimitMinutes.default) : minutes('timeoutMinutes', SETTINGS.timeoutMinutes.default);
	return { akoolBaseUrl, expiresInSeconds: linkExpirySeconds(completion, waitMinutes * 60_000), files };
}

function readInput(ctx: IExecuteFunctions, i: number, meta: OperationMeta, links: LinkContext): Input {
	const { values, body } = readFields(ctx, i, meta.fields, links);
	const input = { i, values, body };
	const replaced = meta.check?.call(ctx, input);
	return replaced ? { ...input, body: replaced } : input;
}

/**
 * A create: Akool starts a paid job per item (or several, per the table). The table row gives
 * the path, the family that polls it, the webhook spelling and whether the answer is a list.
 */
export function defineCreate(
	meta: OperationMeta & {
		/** The CREATE_ENDPOINTS row, or one chosen by the item's values (Swap Studio → Analyze). */
		endpoint: CreateEndpointKey | ((values: Values) => CreateEndpointKey);
		/** With an endpoint chosen per item: the row whose completion options the editor shows (all alike). */
		editorEndpoint?: CreateEndpointKey;
		/** Body entries Akool requires that the user does not choose. */
		constant?: IDataObject;
		/**
		 * Free Akool look-ups that complete the body (face detection, the model list): run for every
		 * item before the first paid create of the run. Returns the body to send.
		 */
		resolve?: (this: IExecuteFunctions, input: Input) => Promise<IDataObject>;
		/**
		 * Whether this body makes several jobs (images of one request): then "Wait for Callback", which
		 * follows one job, is refused before the create.
		 */
		manyJobs?: (body: IDataObject) => boolean;
		/**
		 * Splits the item's body (as sent, Additional Body Fields included) into several create
		 * requests, each with the fields that mark its output items (Video Translation: one request
		 * per language, `{ language }`). Each request is sent at most once per execution (its own
		 * slot of the item's record, helpers/ledger.ts); more than one refuses "Wait for Callback".
		 */
		split?: (body: IDataObject) => JobRequest[];
	},
): Operation {
	// The editor's choices come from the table row (or, for an endpoint chosen per item, from
	// `editorEndpoint`): Wait for Callback only where Akool calls back about one job.
	const shownKey = typeof meta.endpoint === 'string' ? meta.endpoint : meta.editorEndpoint;
	if (!shownKey) throw new Error(`${meta.value}: an endpoint chosen per item needs "editorEndpoint"`);
	const shown = CREATE_ENDPOINTS[shownKey];
	const waitForCallback = callsBackOnce(shown);
	const webhookUrl = Boolean(shown.webhookField);
	const returnAs = JOB_FAMILIES[shown.family].resultKind === 'file';
	return {
		option: optionOf(meta),
		fields: meta.fields,
		properties: [
			toolDescriptionOf(meta, 'create', returnAs),
			...required(meta.fields),
			...jobCompletionFields({ waitForCallback, webhookUrl, returnAs, extraOptions: [...optional(meta.fields), additionalFieldsOption] }),
		],
		async prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
			const links = await linkContext(this, i, true);
			const input = readInput(this, i, meta, links);
			const key = typeof meta.endpoint === 'string' ? meta.endpoint : meta.endpoint(input.values);
			const endpoint = CREATE_ENDPOINTS[key];
			const files = JOB_FAMILIES[endpoint.family].resultKind === 'file';
			const settings = readJobSettings.call(this, i, {
				completion: true,
				waitForCallback: callsBackOnce(endpoint),
				webhookUrl: Boolean(endpoint.webhookField),
				returnAs: files,
			});
			const body = merge({ ...input.body, ...meta.constant }, readAdditionalFields(this, i));
			const requests = meta.split ? meta.split(body) : [{ body }];
			// Checked on the body as sent (Additional Body Fields included).
			if (settings.completion === 'waitForCallback' && (requests.length > 1 || meta.manyJobs?.(body))) {
				throw invalidField(this, i, 'Completion', 'cannot be "Wait for Callback" when the settings make several jobs (a wait follows one)', 'Choose "Poll Until Done", or make one job per execution. No job was created.');
			}
			const resolve = meta.resolve;
			return prepareJob.call(
				this,
				i,
				endpoint,
				requests,
				settings,
				resolve && (async (current) => ({ ...(await resolve.call(this, { ...input, body: current })) })),
				async (sent) => await estimateRequest(this, key, sent, i, mediaProbe(this, i, links.files)),
			);
		},
	};
}

/** An operation Akool answers at once (lists, deletes, detection): `run` returns the output JSON. */
export function defineAction(
	meta: OperationMeta & {
		run: (this: IExecuteFunctions, input: Input) => Promise<IDataObject | IDataObject[]>;
	},
): Operation {
	const options = optional(meta.fields);
	return {
		option: optionOf(meta),
		fields: meta.fields,
		properties: [
			toolDescriptionOf(meta, 'action', false),
			...required(meta.fields),
			...(options.length
				? [{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: options.sort(byName) } as INodeProperties]
				: []),
		],
		async prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
			const input = readInput(this, i, meta, await linkContext(this, i, false));
			return {
				run: async (): Promise<INodeExecutionData[]> => {
					const output = await meta.run.call(this, input);
					return (Array.isArray(output) ? output : [output]).map((json) => ({ json, pairedItem: { item: i } }));
				},
			};
		},
	};
}

/** Return All / Limit: the fields of every list Akool pages. */
const pagingFields = (maxLimit: number): Field[] => [
	{ name: 'returnAll', label: 'Return All', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
	{ name: 'limit', label: 'Limit', type: 'number', integer: true, min: 1, max: maxLimit, default: 50, show: { returnAll: [false] }, description: 'Max number of results to return' },
];

/**
 * A list Akool pages (page/size): Return All / Limit, read through the one pagination helper;
 * one output item per entry.
 */
export function defineList(
	meta: OperationMeta & {
		/** The list request for the item's values (query filters from the fields). */
		list: (values: Values, body: IDataObject) => PagedList;
	},
): Operation {
	// Akool lists each record with its webhook URL (voiceLab.mdx "Get Resource List": webhookUrl),
	// which after "Wait for Callback" is this n8n's resume URL with its token (R15): never output,
	// like job snapshots.
	return defineAction({
		...meta,
		fields: [...meta.fields, ...pagingFields(1000)],
		async run({ i, values, body }) {
			// Return All and Limit have no Akool key: `body` holds only the list's own filters.
			const { items } = await fetchPages.call(this, meta.list(values, body), {
				limit: values.returnAll === true ? undefined : (values.limit as number),
				itemIndex: i,
			});
			return items.map((item) => (isObject(item) ? outputRecord(item) : item));
		},
	});
}

export interface Resource {
	value: string;
	name: string;
	/** operation value → operation (the router's map). */
	operations: Record<string, Operation>;
	/** The operation selector and every operation's fields, shown for this resource only. */
	properties: INodeProperties[];
}

/** One resource: its operations (each shown only for its own resource and operation). */
export function defineResource(def: { value: string; name: string; operations: Operation[]; default?: string }): Resource {
	const options = def.operations.map((operation) => operation.option).sort((a, b) => a.name.localeCompare(b.name));
	// Each resource names its default operation: saved workflows omit defaults, so it is a contract.
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [def.value] } },
		options,
		default: '',
	};
	selector.default = def.default ?? String(def.operations[0].option.value);
	return {
		value: def.value,
		name: def.name,
		operations: Object.fromEntries(def.operations.map((operation) => [operation.option.value, operation])),
		properties: [
			selector,
			...def.operations.flatMap((operation) =>
				updateDisplayOptions({ show: { resource: [def.value], operation: [operation.option.value] } }, operation.properties),
			),
		],
	};
}
