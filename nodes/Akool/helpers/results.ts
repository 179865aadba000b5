import type { IDataObject } from 'n8n-workflow';

import { getBaseUrl } from '../transport';
import type { AkoolContext } from '../transport';
import { egressRefusal, egressRule } from './egress';
import { JOB_FAMILIES } from './jobs';
import type { JobFamily, JobSnapshot } from './jobs';

/**
 * A finished job whose result field Akool does not document (JobFamily.resultFieldGuessed): the node
 * never fails it for a missing link, because the job is paid and its result would be lost on the
 * node's own guess. When none of the family's result fields holds a link, the record is searched
 * (nested objects and arrays too) for a link on an Akool result host, and the job is output whole
 * with a `warning` saying what was unexpected and how to fetch the file.
 */

/** Names that usually hold a result link, preferred (after the family's own) wherever they sit. */
const RESULT_NAMES = ['url', 'result_url', 'video_url', 'image_url', 'output_url', 'file_url', 'download_url', 'urls', 'result', 'results', 'output', 'outputs', 'media', 'files'];

/** Words of a key whose value is never the result: the job's inputs, callbacks, previews and side files. */
const NOT_RESULT = new Set(['webhook', 'webhookurl', 'source', 'target', 'input', 'origin', 'original', 'driving', 'reference', 'mapping', 'mappings', 'thumbnail', 'thumb', 'cover', 'icon', 'avatar', 'preview', 'manifest', 'mask']);
/** `source_video_url` → source, video, url; `webhookUrl` → webhook, url. */
const notResult = (key: string) => key.split(/[_\-\s.]+|(?=[A-Z][a-z])/).some((word) => NOT_RESULT.has(word.toLowerCase()));

/** How deep the search goes (a record is a few levels deep; this bounds a hostile answer). */
const MAX_DEPTH = 6;
const MAX_VALUES = 2000;

export interface FoundResult {
	url: string;
	/** Where it was: `result.url`, `outputs[0].url`. */
	at: string;
}

/**
 * The result link of a finished job whose known result fields are empty: the first http(s) link
 * on a result host (`isResultHost`), skipping the family's input fields and every key that names an
 * input or a side file (NOT_RESULT). Preferred: a link under one of the family's result names, then
 * under a usual result name (RESULT_NAMES), then any other; between equals, the shallower one.
 */
export function findResultUrl(record: IDataObject, family: JobFamily, isResultHost: (url: string) => boolean): FoundResult | undefined {
	const inputs = new Set(family.inputFields ?? []);
	const rank = (key: string) => (family.resultFields.includes(key) ? 0 : RESULT_NAMES.includes(key) ? 1 : 2);
	let best: (FoundResult & { rank: number; depth: number }) | undefined;
	const queue: Array<{ value: unknown; at: string; key: string; depth: number }> = Object.entries(record)
		.filter(([key]) => !inputs.has(key))
		.map(([key, value]) => ({ value, at: key, key, depth: 0 }));
	for (let seen = 0; queue.length && seen < MAX_VALUES; seen++) {
		const { value, at, key, depth } = queue.shift()!;
		if (notResult(key)) continue;
		if (typeof value === 'string') {
			const url = value.trim();
			if (!/^https?:\/\/\S+$/i.test(url) || !isResultHost(url)) continue;
			const candidate = { url, at, rank: rank(key), depth };
			if (!best || candidate.rank < best.rank || (candidate.rank === best.rank && candidate.depth < best.depth)) best = candidate;
		} else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
			// An array element counts under its list's name (`outputs[0]` is an output).
			const entries = Array.isArray(value)
				? value.map((element, index) => ({ value: element as unknown, at: `${at}[${index}]`, key }))
				: Object.entries(value as IDataObject).map(([child, element]) => ({ value: element as unknown, at: `${at}.${child}`, key: child }));
			for (const entry of entries) queue.push({ ...entry, depth: depth + 1 });
		}
	}
	return best && { url: best.url, at: best.at };
}

/** The warning of a finished job whose result was not where the node looks first. */
export function unexpectedResultWarning(family: JobFamily, snapshot: JobSnapshot, found: FoundResult | undefined): string {
	const known = family.resultFields.join(', ');
	const why = `Akool's docs do not name the field that holds the result (${family.resultFieldGuessed ?? 'undocumented'})`;
	if (found) {
		return `Akool's record of ${family.displayName} job ${snapshot.jobId} (finished, status 3) has no result link in the fields the node knows (${known}): ${why}. The node took the link in "${found.at}", the only place of the record with a link on an Akool result host; check that it is the result. Akool's whole record is in "job".`;
	}
	return `Akool reports ${family.displayName} job ${snapshot.jobId} as finished (status 3, so it is paid), but its record has no result link the node recognises: ${why}. Nothing was downloaded, and no job is created again. Akool's whole record is in "job": take the file's link from it (or from your Akool account) and fetch it with Job → Download; links stay valid for 7 days.`;
}

/**
 * The snapshot with its result as far as it can be known: unchanged unless the job finished, its
 * family's result field is a guess and none of its result fields held a link; then the link found
 * in the record on an Akool result host (Akool's hosts, the credential's Base URL host and any
 * `allowedHosts`; never "any host"), if any, and a `warning`.
 */
export async function tolerantResult(this: AkoolContext, snapshot: JobSnapshot, allowedHosts: string[] = []): Promise<JobSnapshot> {
	const family = JOB_FAMILIES[snapshot.family];
	if (snapshot.status !== 3 || family.resultKind !== 'file' || snapshot.resultUrl || !family.resultFieldGuessed) return snapshot;
	const rule = egressRule(await getBaseUrl.call(this), allowedHosts);
	const found = findResultUrl(snapshot.record, family, (url) => egressRefusal(url, rule) === undefined);
	return { ...snapshot, resultUrl: found?.url, warning: unexpectedResultWarning(family, snapshot, found) };
}
