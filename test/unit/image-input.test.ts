/**
 * Face Detection → Detect from a binary file reads the file with a cap (R12): a file over
 * MAX_DETECT_IMAGE_BYTES stops the read as soon as the cap is passed, whatever the file's length,
 * so a large file labelled image/png is never buffered whole.
 */
import { Readable } from 'node:stream';

import { MAX_DETECT_IMAGE_BYTES, readCapped } from '../../nodes/Akool/actions/faceDetection/imageInput';

/** A stream of `chunks` chunks of 1 MiB, counting how many were read. */
function megabytes(chunks: number) {
	let read = 0;
	const stream = new Readable({
		read() {
			if (read >= chunks) {
				this.push(null);
				return;
			}
			read++;
			this.push(Buffer.alloc(1024 * 1024, 1));
		},
	});
	return { stream, read: () => read };
}

describe('readCapped (R12)', () => {
	it('the cap is Akool\'s published image limit, 20 MB', () => {
		expect(MAX_DETECT_IMAGE_BYTES).toBe(20 * 1024 * 1024);
	});

	it('reads a file within the cap whole', async () => {
		const { stream } = megabytes(3);
		const buffer = await readCapped(stream, 5 * 1024 * 1024);
		expect(buffer?.length).toBe(3 * 1024 * 1024);
	});

	it('a file at the cap exactly is read', async () => {
		const { stream } = megabytes(4);
		expect((await readCapped(stream, 4 * 1024 * 1024))?.length).toBe(4 * 1024 * 1024);
	});

	it('stops reading a longer file just past the cap (1 GB stream, 5 MB cap: about 6 chunks read), and destroys it', async () => {
		const { stream, read } = megabytes(1024);
		expect(await readCapped(stream, 5 * 1024 * 1024)).toBeUndefined();
		expect(read()).toBeLessThanOrEqual(8);
		expect(stream.destroyed).toBe(true);
	});
});
