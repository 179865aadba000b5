import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

/**
 * Akool business codes (akool-api.md §7) → what it means and what the user should do.
 * Akool reports failures inside HTTP 200 bodies, so this map is the only place that turns
 * a code into advice. Codes not listed fall back to Akool's own message.
 */
export const AKOOL_ERRORS: Record<number, { message: string; hint: string }> = {
	1003: {
		message: 'Akool rejected a parameter',
		hint: 'Check the parameter Akool names in its message (URLs must be public http(s) links; enums and ranges as in the field descriptions). This feature may also not be available on your Akool plan.',
	},
	1004: {
		message: 'Akool requires account verification',
		hint: 'Complete the verification step in your Akool account, then run the workflow again.',
	},
	1005: {
		message: 'Akool says requests are too frequent',
		hint: 'Lower "Max Concurrent Jobs", raise the poll interval, or space out executions.',
	},
	1006: {
		message: 'Your Akool quota is used up',
		hint: 'Top up credits or upgrade your Akool plan (Account → Get Credits shows the balance).',
	},
	1007: {
		message: 'Too many faces for Akool (more than 8)',
		hint: 'Use an image or video with at most 8 faces.',
	},
	1008: {
		message: 'Akool cannot find this content',
		hint: 'Check the job ID and that the Job Type matches the operation that created it. Results are kept for 7 days.',
	},
	1009: {
		message: 'Akool denied access to this content',
		hint: 'The content belongs to another Akool account or team: use the credential that created it.',
	},
	1010: { message: 'Akool cannot operate on this content', hint: 'Check the ID and the chosen action.' },
	1011: { message: 'This content was already processed', hint: 'Use the existing result instead.' },
	1014: {
		message: 'Akool cannot find this resource',
		hint: 'Check the ID; it may belong to another account or have expired.',
	},
	1015: {
		message: 'Akool could not create the video',
		hint: 'Usually temporary on Akool\'s side: try again later. If it persists, check the input media (format, size, length).',
	},
	1101: {
		message: 'Akool rejected the API key',
		hint: 'Open the Akool credential and paste the API key again (Akool → Settings → API Credentials). Check that Base URL points at the right Akool environment.',
	},
	1102: {
		message: 'Akool received no API key',
		hint: 'Open the Akool credential and enter your API key.',
	},
	1103: {
		message: 'Your Akool account has an unpaid balance',
		hint: 'Settle the payment in your Akool account.',
	},
	1104: {
		message: 'Not enough Akool credits',
		hint: 'Top up credits in Akool (Account → Get Credits shows the balance).',
	},
	1108: { message: 'Akool could not generate the image', hint: 'Try another prompt or source image.' },
	1109: {
		message: 'Akool says the account does not exist',
		hint: 'Check the API key in the credential (Akool also uses this code for some avatar errors).',
	},
	1200: {
		message: 'Your Akool account is blocked',
		hint: 'Contact Akool support.',
	},
	1201: { message: 'Akool could not create the audio', hint: 'Check the audio URL or text, then retry.' },
	1202: {
		message: 'This video was already lip-synced in this language',
		hint: 'Use the existing result or pick another language.',
	},
	1203: { message: 'The video has no audio track', hint: 'Use a video that contains audio.' },
	1204: { message: 'The video is too long (max 60 s)', hint: 'Trim the video to 60 seconds or less.' },
	1205: { message: 'Akool could not create the video', hint: 'Try again later or with other media.' },
	1207: { message: 'The video is too large (max 300 MB)', hint: 'Compress or trim the video.' },
	1209: { message: 'Unsupported video encoding', hint: 'Re-encode the video as H.264 MP4.' },
	1210: { message: 'The video frame rate is too high', hint: 'Re-encode the video at 30 fps or less.' },
	1211: { message: 'Akool could not create the lip sync', hint: 'Try again later or with other media.' },
	1213: { message: 'This feature needs an Akool subscription', hint: 'Upgrade your Akool plan.' },
	1212: { message: 'Akool could not analyse the content', hint: 'Check that the URL is public and the file type and size are supported, then retry.' },
	1221: { message: 'Your Akool account is not subscribed', hint: 'Upgrade your Akool plan.' },
	1222: { message: 'This resource already exists at Akool', hint: 'Use another ID (for an avatar: another Avatar ID).' },
	1232: { message: 'Akool has no such knowledge base', hint: 'Check the Knowledge Base ID (Knowledge Base → Get Many lists yours).' },
	1233: { message: 'A knowledge base with this name already exists', hint: 'Use another name, or update the existing one.' },
	1234: { message: 'Akool could not create the knowledge base', hint: 'Check the documents (each at most 100 MB, 500 MB in total) and try again.' },
	1235: { message: 'Akool could not update the knowledge base', hint: 'Check the Knowledge Base ID and the documents, then try again.' },
	1236: { message: 'Akool could not read the knowledge base', hint: 'Check the Knowledge Base ID and try again later.' },
	2001: { message: 'Akool server error', hint: 'Temporary problem on Akool\'s side: try again later.' },
};

/** Codes that mean "try the same read again later" (only ever retried for idempotent reads). */
export const RETRYABLE_CODES = new Set([1005]);

/** Builds the NodeApiError for an Akool envelope with `code !== 1000`. Never includes credentials. */
export function akoolApiError(
	node: INode,
	code: number,
	akoolMessage: string | undefined,
	context: { endpoint: string; itemIndex?: number },
): NodeApiError {
	const known = AKOOL_ERRORS[code];
	const detail = akoolMessage ? `: ${akoolMessage}` : '';
	const message = known
		? `${known.message} (Akool code ${code}${detail})`
		: `Akool returned error code ${code}${detail}`;
	const hint = known?.hint ?? 'See https://docs.akool.com/ai-tools-suite/error-code for this code.';
	return new NodeApiError(node, { code, msg: akoolMessage ?? '' } as JsonObject, {
		message,
		description: `${hint} (endpoint ${context.endpoint})`,
		httpCode: String(code),
		itemIndex: context.itemIndex,
	});
}
