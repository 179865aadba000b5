import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { knownSize } from '../../helpers/inputs';
import { invalidField } from '../../helpers/validation';

/**
 * The largest image Detect reads from a binary field (R12). Akool publishes no size for
 * detect_faces' `img` (face-detection.mdx, detect-faces.mdx); the only image limit its docs give
 * is 20 MB (jarvis-moderator.mdx: "We restrict image to 20MB"), far above what detection needs
 * (faces of at least 80×80 px, 720p or more: face-detection.mdx "Best Practices"). Sent as base64,
 * a 20 MB image is a 27 MB request.
 */
export const MAX_DETECT_IMAGE_BYTES = 20 * 1024 * 1024;

const LABEL = 'Input Binary Field';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function tooLarge(ctx: IExecuteFunctions, i: number, bytes: number | undefined) {
	return invalidField(
		ctx,
		i,
		LABEL,
		`holds a file of ${bytes === undefined ? `more than ${megabytes(MAX_DETECT_IMAGE_BYTES)}` : megabytes(bytes)}; face detection takes images up to ${MAX_DETECT_IMAGE_BYTES / 1024 / 1024} MB`,
		'Resize or compress the image first, or detect from its link (Source "URL"). No request was sent to Akool.',
	);
}

/** Refuses a file over the cap by its known size, before anything is read. */
export function checkImageSize(ctx: IExecuteFunctions, i: number, binary: IBinaryData): void {
	const size = knownSize(binary);
	if (size !== undefined && size > MAX_DETECT_IMAGE_BYTES) throw tooLarge(ctx, i, size);
}

/** Reads a stream up to `max` bytes; undefined (and the stream destroyed) as soon as it is longer. */
export async function readCapped(stream: NodeJS.ReadableStream & { destroy?: () => void }, max: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of stream) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		total += buffer.length;
		if (total > max) {
			stream.destroy?.();
			return undefined;
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks, total);
}

/**
 * The image of binary field `field` of item i as base64, for detect_faces' `img`, read with the
 * cap: in memory n8n already holds it as base64 (sent as it is, not decoded); a stored file (by
 * id) is streamed and given up as soon as it passes the cap. An empty file is refused.
 */
export async function imageAsBase64(this: IExecuteFunctions, i: number, field: string): Promise<string> {
	const binary = this.helpers.assertBinaryData(i, field);
	checkImageSize(this, i, binary);
	let base64: string;
	if (binary.id) {
		const buffer = await readCapped(await this.helpers.getBinaryStream(binary.id), MAX_DETECT_IMAGE_BYTES);
		if (!buffer) throw tooLarge(this, i, undefined);
		base64 = buffer.toString('base64');
	} else {
		base64 = binary.data.replace(/\s+/g, '');
	}
	if (base64 === '') throw invalidField(this, i, LABEL, 'holds an empty file', 'No request was sent to Akool.');
	return base64;
}
