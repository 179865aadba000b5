import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { hasPrivateHost, hostOf } from './hosts';
import { isHttpUrl } from './validation';

/**
 * Media inputs given as a binary file of the input item ("Binary" mode of every URL field),
 * e.g. a photo from an n8n Form Trigger. Akool has no upload API and fetches every input from a
 * URL, so the node asks n8n to publish the file through a signed, expiring link
 * (`helpers.createBinarySignedUrl`: `<WEBHOOK_URL>/rest/binary-data/signed?token=…`, no login
 * needed) and sends that link. Akool can fetch it when n8n is reachable from the internet, the
 * same condition as "Wait for Callback". The link is a bearer token: it is never output (see
 * outputRecord in jobs.ts) and expires (linkExpirySeconds).
 */

export type MediaKind = 'image' | 'video' | 'audio' | 'document';

const MIME_PREFIX: Record<MediaKind, string[]> = {
	image: ['image/'],
	video: ['video/'],
	audio: ['audio/'],
	// Captions, knowledge-base documents: any type Akool reads (it checks them itself).
	document: [''],
};

/** Bytes of a base64 text without decoding it. */
function base64Bytes(data: string): number {
	const text = data.replace(/\s+/g, '');
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

/**
 * A binary file's size as far as it is known before reading it: n8n's `bytes` (2.x), in memory
 * its base64's, else the size n8n wrote as text (pretty-bytes, "9.23 kB").
 */
export function knownSize(binary: IBinaryData): number | undefined {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (!binary.id && typeof binary.data === 'string' && binary.data !== '') return base64Bytes(binary.data);
	const match = /^([\d.]+)\s*([kMGT]?)B$/.exec(String(binary.fileSize ?? '').trim());
	if (!match) return undefined;
	return Number(match[1]) * 1000 ** ['', 'k', 'M', 'G', 'T'].indexOf(match[2]);
}

function refuse(ctx: IExecuteFunctions, i: number, label: string, problem: string, hint: string) {
	return new NodeOperationError(ctx.getNode(), `"${label}" ${problem}`, { itemIndex: i, description: `${hint} No request was sent to Akool.` });
}

/** The binary file of item i named `field` (n8n's item.binary, or an n8n 2.x "combined" binary in the JSON). */
function binaryOf(ctx: IExecuteFunctions, i: number, field: string, label: string): IBinaryData {
	const item = ctx.getInputData()[i];
	const found = item?.binary?.[field] ?? (item?.json?.[field] as IDataObject | undefined);
	if (found && typeof found === 'object' && typeof (found as IDataObject).mimeType === 'string') return found as unknown as IBinaryData;
	const names = Object.keys(item?.binary ?? {});
	throw refuse(
		ctx,
		i,
		label,
		`is set to the binary field "${field}", which the input item does not have`,
		names.length ? `The item's binary fields: ${names.join(', ')}.` : 'The input item has no binary data: put this node after the node that gives the file (e.g. an n8n Form Trigger with a file field).',
	);
}

/**
 * A binary file of item i as a link Akool can fetch: checked (media type, size) and signed for
 * `expiresInSeconds`. Refused, naming the field, where it cannot work: an n8n without signed
 * links, binary data kept in memory, or a local n8n address while the credential points at
 * Akool's public API (a local sandbox may fetch from a local n8n).
 */
export function signedLinkFor(
	this: IExecuteFunctions,
	i: number,
	field: string,
	label: string,
	rules: { media: MediaKind[]; maxMb?: number; expiresInSeconds: number; akoolBaseUrl: string; files?: Map<string, IBinaryData> },
): string {
	const binary = binaryOf(this, i, field, label);
	const mimeType = String(binary.mimeType ?? '');
	const kinds = rules.media.flatMap((kind) => MIME_PREFIX[kind]);
	if (!kinds.some((prefix) => mimeType.startsWith(prefix))) {
		throw refuse(this, i, label, `is the binary field "${field}" of type "${mimeType || 'unknown'}", not ${rules.media.join(' or ')}`, 'Give a file of the right kind.');
	}
	const bytes = knownSize(binary);
	if (rules.maxMb !== undefined && bytes !== undefined && bytes > rules.maxMb * 1e6) {
		throw refuse(this, i, label, `is the binary field "${field}" of ${(bytes / 1e6).toFixed(1)} MB, more than Akool takes here (${rules.maxMb} MB)`, 'Use a smaller file.');
	}
	const sign = (this.helpers as { createBinarySignedUrl?: (data: IBinaryData, expiresIn?: string | number) => string }).createBinarySignedUrl;
	if (typeof sign !== 'function') {
		throw refuse(this, i, label, 'cannot be a binary file on this n8n: it cannot publish files through signed links', 'n8n publishes files through signed links since 1.90.0: update n8n, or give a public URL (e.g. from your storage).');
	}
	let link: string;
	try {
		link = sign.call(this.helpers, binary, rules.expiresInSeconds);
	} catch (error) {
		throw refuse(
			this,
			i,
			label,
			`cannot be published for Akool: ${(error as Error).message}`,
			'n8n signs links only to files it stores (N8N_DEFAULT_BINARY_DATA_MODE filesystem, s3 or database), not to binary data kept in memory. Change the mode, or give a public URL.',
		);
	}
	if (!isHttpUrl(link)) {
		throw refuse(this, i, label, `cannot be published for Akool: n8n gave no usable link`, 'Set WEBHOOK_URL to the public https address of this n8n, or give a public URL.');
	}
	// Akool on the internet cannot fetch from a local n8n; a local sandbox can.
	if (hasPrivateHost(link) && !hasPrivateHost(rules.akoolBaseUrl)) {
		throw refuse(
			this,
			i,
			label,
			`cannot be a binary file here: n8n would publish it at "${hostOf(link)}", a local address Akool cannot reach`,
			'Set WEBHOOK_URL (N8N_WEBHOOK_URL; n8n signs file links with it) to the public https address of this n8n and restart it, or give a public URL of the file (e.g. from your storage).',
		);
	}
	// The link is a bearer link to the user's file: never across the internet unencrypted (as resume URLs).
	if (!hasPrivateHost(rules.akoolBaseUrl) && new URL(link).protocol !== 'https:') {
		throw refuse(
			this,
			i,
			label,
			`cannot be a binary file here: n8n would publish it over plain http ("${hostOf(link)}"), and the link gives access to the file`,
			'Set WEBHOOK_URL to the https address of this n8n and restart it, or give a public URL of the file (e.g. from your storage).',
		);
	}
	// Which file the link publishes (price estimates read its header: helpers/media.ts).
	rules.files?.set(link, binary);
	return link;
}

/**
 * How long a signed input link lives: Akool fetches inputs when the job starts, which a busy
 * account may delay. As long as the node itself would wait for the job (Timeout, or the Wait
 * Limit), plus an hour; 24 hours when the node does not wait (Return Immediately); at least 1 hour.
 */
export function linkExpirySeconds(completion: string | undefined, waitMs: number): number {
	if (completion === 'returnImmediately') return 24 * 3600;
	return Math.max(3600, Math.ceil(waitMs / 1000) + 3600);
}
