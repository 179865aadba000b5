import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Parameter readers that validate before any request is sent, so a bad value never spends
 * credits. Each throws a NodeOperationError that names the field as the user sees it.
 * `name` may be a path into a collection, e.g. `options.prompt`.
 */

function invalid(ctx: IExecuteFunctions, i: number, label: string, problem: string, hint?: string) {
	return new NodeOperationError(ctx.getNode(), `"${label}" ${problem}`, {
		itemIndex: i,
		description: hint ?? `Fix "${label}" and run again. No request was sent to Akool.`,
	});
}

function show(value: unknown): string {
	// JSON.stringify(undefined) is undefined (an expression that resolved to nothing).
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

export function getString(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	rules: { required?: boolean; maxLength?: number } = {},
): string {
	let raw = this.getNodeParameter(name, i, '') as unknown;
	// The text of a field with modes (a URL field in its "URL" mode).
	if (raw && typeof raw === 'object' && (raw as { __rl?: unknown }).__rl === true) raw = (raw as { value?: unknown }).value;
	if (raw !== null && raw !== undefined && typeof raw === 'object') {
		throw invalid(this, i, label, `must be text, got ${show(raw)}`);
	}
	const value = raw === null || raw === undefined ? '' : String(raw).trim();
	if (rules.required && value === '') throw invalid(this, i, label, 'is required');
	if (rules.maxLength !== undefined && value.length > rules.maxLength) {
		throw invalid(this, i, label, `must be at most ${rules.maxLength} characters (got ${value.length})`);
	}
	return value;
}

/** A public http(s) URL (Akool fetches every input itself; files must be hosted first). */
export function getUrl(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	rules: { required?: boolean; binaryMode?: boolean } = { required: true },
): string {
	const value = getString.call(this, name, i, label, rules);
	if (value !== '' && !isHttpUrl(value)) {
		throw invalid(
			this,
			i,
			label,
			`must be a public http(s) URL, got "${show(value)}"`,
			rules.binaryMode
				? 'Akool downloads inputs itself, so use a link that works in a browser, or switch the field to "Binary" to send a file of the input item (e.g. from a form).'
				: 'Akool downloads inputs itself, so use a link that works in a browser (upload local files to storage first, e.g. S3 or Google Drive with a public link).',
		);
	}
	return value;
}

/** One of `allowed` (compared as text, so expressions may give "5" for 5). Plain function: `.call` would lose T. */
export function getOption<T extends string | number>(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	allowed: readonly T[],
	fallback: T,
): T {
	const raw = ctx.getNodeParameter(name, i, fallback) as unknown;
	const match = allowed.find((value) => String(value) === String(raw));
	if (match === undefined) {
		throw invalid(ctx, i, label, `must be one of ${allowed.map((v) => `"${v}"`).join(', ')}, got "${show(raw)}"`);
	}
	return match;
}

export function getNumber(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	rules: { min?: number; max?: number; integer?: boolean; fallback?: number },
): number {
	const raw = this.getNodeParameter(name, i, rules.fallback ?? 0) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw invalid(this, i, label, `must be a number, got "${show(raw)}"`);
	}
	if (rules.integer && !Number.isInteger(value)) {
		throw invalid(this, i, label, `must be a whole number, got ${value}`);
	}
	if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
		throw invalid(this, i, label, `must be between ${rules.min ?? '-∞'} and ${rules.max ?? '∞'}, got ${value}`);
	}
	return value;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** One Akool id (job `_id`s are 24 hex characters; other ids are letters, digits, - and _). */
export function getId(this: IExecuteFunctions, name: string, i: number, label: string): string {
	const value = getString.call(this, name, i, label, { required: true });
	if (!ID_PATTERN.test(value)) {
		throw invalid(this, i, label, `is not a valid ID, got "${show(value)}"`, 'Use the "jobId" (Akool\'s _id) output by the node that created the job.');
	}
	return value;
}

/** A list of ids given as a comma/space separated string or an array (from an expression). */
export function getIdList(this: IExecuteFunctions, name: string, i: number, label: string, max = 100): string[] {
	const raw = this.getNodeParameter(name, i, '') as unknown;
	const parts = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,]+/))
		.map((id) => id.trim())
		.filter((id) => id !== '');
	if (parts.length === 0) throw invalid(this, i, label, 'needs at least one ID');
	if (parts.length > max) throw invalid(this, i, label, `accepts at most ${max} IDs (got ${parts.length})`);
	const bad = parts.find((id) => !ID_PATTERN.test(id));
	if (bad) throw invalid(this, i, label, `contains an invalid ID "${show(bad)}"`);
	return [...new Set(parts)];
}

/**
 * true/false, also from an expression: "true"/"false" and 1/0 are accepted, anything else is an
 * error (so `{{ $json.flag }}` giving "false" never turns a billed option on).
 */
export function getBoolean(this: IExecuteFunctions, name: string, i: number, label: string, fallback = false): boolean {
	const raw = this.getNodeParameter(name, i, fallback) as unknown;
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
	if (value === true || value === 1 || value === 'true' || value === '1') return true;
	if (value === false || value === 0 || value === 'false' || value === '0') return false;
	throw invalid(this, i, label, `must be true or false, got "${show(raw)}"`);
}

/** The entries of a list given as text (commas or new lines) or as an array from an expression. */
function listEntries(raw: unknown, separator: RegExp): string[] {
	const parts = Array.isArray(raw) ? raw.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))) : String(raw ?? '').split(separator);
	return parts.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** A list of public http(s) URLs (commas or new lines, or an array), `min`…`max` of them. */
export function getUrlList(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	rules: { min?: number; max?: number } = {},
): string[] {
	let raw = this.getNodeParameter(name, i, '') as unknown;
	if (raw && typeof raw === 'object' && (raw as { __rl?: unknown }).__rl === true) raw = (raw as { value?: unknown }).value;
	const urls = listEntries(raw, /[\n,]+/);
	const min = rules.min ?? 1;
	if (urls.length < min) throw invalid(this, i, label, min === 1 ? 'needs at least one URL' : `needs at least ${min} URLs (got ${urls.length})`);
	if (rules.max !== undefined && urls.length > rules.max) {
		throw invalid(this, i, label, `accepts at most ${rules.max} URLs (got ${urls.length})`);
	}
	const bad = urls.find((url) => !isHttpUrl(url));
	if (bad) {
		throw invalid(this, i, label, `contains "${show(bad)}", which is not a public http(s) URL`, 'Akool downloads inputs itself: give links that work in a browser.');
	}
	return urls;
}

/** Values of a multi-select (an array, or text separated by commas from an expression), each once. */
export function getValueList(this: IExecuteFunctions, name: string, i: number, label: string, max = 100): string[] {
	const values = [...new Set(listEntries(this.getNodeParameter(name, i, []) as unknown, /[\n,]+/))];
	if (values.length > max) throw invalid(this, i, label, `accepts at most ${max} values (got ${values.length})`);
	return values;
}

/** Numbers given as "1, 2, 3" or an array, exactly `length` of them when set. */
export function getNumberList(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	rules: { length?: number; min?: number; required?: boolean } = {},
): number[] | undefined {
	const entries = listEntries(this.getNodeParameter(name, i, '') as unknown, /[\s,]+/);
	if (entries.length === 0) {
		if (rules.required) throw invalid(this, i, label, 'is required');
		return undefined;
	}
	const numbers = entries.map(Number);
	if (numbers.some((n) => !Number.isFinite(n) || (rules.min !== undefined && n < rules.min))) {
		throw invalid(this, i, label, `must be numbers${rules.min !== undefined ? ` of at least ${rules.min}` : ''}, got "${show(entries.join(', '))}"`);
	}
	if (rules.length !== undefined && numbers.length !== rules.length) {
		throw invalid(this, i, label, `needs exactly ${rules.length} numbers (got ${numbers.length})`);
	}
	return numbers;
}

/** A NodeOperationError about a field (for checks across fields), before any request. */
export function invalidField(ctx: IExecuteFunctions, i: number, label: string, problem: string, hint?: string) {
	return invalid(ctx, i, label, problem, hint);
}

/** The value of a resource locator (From List / By ID), as text. */
export function getLocator(this: IExecuteFunctions, name: string, i: number, label: string, rules: { required?: boolean } = {}): string {
	const raw = this.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	if (raw !== null && raw !== undefined && typeof raw === 'object') throw invalid(this, i, label, `must be text, got ${show(raw)}`);
	const value = raw === null || raw === undefined ? '' : String(raw).trim();
	if (rules.required && value === '') throw invalid(this, i, label, 'is required', `Choose one from the list or enter its ID in "${label}".`);
	if (value.length > 200 || /\s/.test(value)) throw invalid(this, i, label, `is not a valid ID, got "${show(value)}"`);
	return value;
}
