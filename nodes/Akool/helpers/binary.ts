import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { cancelSignal, transientError, withRetries } from '../transport';
import { isHttpUrl } from './validation';

/** What prepareBinaryData accepts: a Buffer or a readable stream. */
type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/** Idle timeout of a result download (Akool's CDN streams steadily; this is not a total cap). */
export const DOWNLOAD_TIMEOUT_MS = 120_000;

const MIME_BY_EXTENSION: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
};

function extensionOf(name: string): string | undefined {
	const match = /\.([A-Za-z0-9]{2,5})$/.exec(name);
	return match?.[1].toLowerCase();
}

/** File name from the URL's last path segment, else `<fallbackBase>.<fallbackExtension>`. */
export function fileNameFromUrl(url: string, fallbackBase: string, fallbackExtension: string): string {
	let segment = '';
	try {
		segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
	} catch {
		segment = '';
	}
	segment = segment.replace(/[^\w.\- ]+/g, '_');
	if (segment && extensionOf(segment)) return segment;
	return `${segment || fallbackBase}.${fallbackExtension}`;
}

/**
 * Streams a result file into n8n binary data (never buffered whole by this code: n8n's binary
 * data manager writes the stream to its store). Plain `httpRequest`, so no Akool credential is
 * sent to the CDN. Transient failures before the body starts are retried (a GET is safe).
 */
export async function downloadToBinary(
	this: IExecuteFunctions | IWebhookFunctions,
	url: string,
	options: { itemIndex: number; fileName?: string; fallbackBase: string; fallbackExtension: string },
): Promise<IBinaryData> {
	if (!isHttpUrl(url)) {
		throw new NodeOperationError(this.getNode(), `Cannot download "${url}": only http(s) URLs are allowed`, {
			itemIndex: options.itemIndex,
		});
	}
	const response = await withRetries(cancelSignal(this), async () => {
		let res: {
			statusCode: number;
			headers: Record<string, string | string[] | undefined>;
			body: BinaryInput & { destroy?: () => void };
		};
		try {
			res = await this.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: DOWNLOAD_TIMEOUT_MS,
			});
		} catch (error) {
			throw transientError(this.getNode(), `Download failed: ${(error as Error).message}`);
		}
		if (res.statusCode === 429 || res.statusCode >= 500) {
			res.body?.destroy?.();
			throw transientError(this.getNode(), `Download failed: HTTP ${res.statusCode}`);
		}
		return res;
	}).catch((error: Error) => {
		throw new NodeOperationError(this.getNode(), `Could not download ${url}: ${error.message}`, {
			itemIndex: options.itemIndex,
		});
	});

	if (response.statusCode >= 400) {
		response.body?.destroy?.();
		throw new NodeOperationError(
			this.getNode(),
			`Could not download ${url}: HTTP ${response.statusCode}`,
			{
				itemIndex: options.itemIndex,
				description:
					'Akool keeps results for 7 days; after that the link stops working. Check the URL or create the job again.',
			},
		);
	}

	const fileName =
		options.fileName || fileNameFromUrl(url, options.fallbackBase, options.fallbackExtension);
	const header = response.headers['content-type'];
	const headerType = (Array.isArray(header) ? header[0] : header)?.split(';')[0].trim();
	const mimeType =
		headerType && headerType !== 'application/octet-stream'
			? headerType
			: (MIME_BY_EXTENSION[extensionOf(fileName) ?? ''] ?? headerType ?? 'application/octet-stream');
	return await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
}
