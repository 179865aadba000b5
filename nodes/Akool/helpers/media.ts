/**
 * The length of a video or audio file from its header, for price estimates (helpers/pricing.ts):
 * MP4/MOV (`moov/mvhd`: duration / timescale), WAV (`data` size / byte rate) and MP3 (Xing/Info
 * frame count, else a constant bit rate over the file's size). Reads only the boxes and headers it
 * needs, in file order, from a ByteSource (a binary file's stream, or HTTP ranges), and gives up
 * (undefined) on anything it does not understand: an estimate is then "unknown", never a guess.
 */
export interface ByteSource {
	/** Bytes [offset, offset + length), fewer at the end of the file; offsets never go backwards. */
	read(offset: number, length: number): Promise<Buffer | undefined>;
	/** The file's size when known. */
	size?: number;
}

/** The largest `moov` box read (its sample tables grow with the video's length). */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;
/** Boxes walked before giving up (ftyp, free, mdat, moov… in any order). */
const MAX_BOXES = 64;

const plausible = (seconds: number) => (Number.isFinite(seconds) && seconds > 0 && seconds < 24 * 3600 ? Math.round(seconds * 1000) / 1000 : undefined);

function mvhdSeconds(moov: Buffer): number | undefined {
	for (let at = 8; at + 8 <= moov.length; ) {
		const size = moov.readUInt32BE(at);
		const type = moov.toString('latin1', at + 4, at + 8);
		if (type === 'mvhd') {
			const version = moov[at + 8];
			const base = at + 12;
			if (version === 1 && base + 28 <= moov.length) return plausible(Number(moov.readBigUInt64BE(base + 20)) / moov.readUInt32BE(base + 16));
			if (version === 0 && base + 16 <= moov.length) return plausible(moov.readUInt32BE(base + 12) / moov.readUInt32BE(base + 8));
			return undefined;
		}
		if (size < 8) return undefined;
		at += size;
	}
	return undefined;
}

async function mp4Seconds(source: ByteSource): Promise<number | undefined> {
	let offset = 0;
	for (let box = 0; box < MAX_BOXES; box++) {
		const header = await source.read(offset, 16);
		if (!header || header.length < 8) return undefined;
		let size = header.readUInt32BE(0);
		const type = header.toString('latin1', 4, 8);
		if (size === 1 && header.length >= 16) size = Number(header.readBigUInt64BE(8));
		else if (size === 0 && source.size !== undefined) size = source.size - offset;
		if (size < 8) return undefined;
		if (type === 'moov') {
			if (size > MAX_MOOV_BYTES) return undefined;
			const moov = await source.read(offset, size);
			return moov && moov.length === size ? mvhdSeconds(moov) : undefined;
		}
		offset += size;
		if (source.size !== undefined && offset >= source.size) return undefined;
	}
	return undefined;
}

async function wavSeconds(source: ByteSource): Promise<number | undefined> {
	let byteRate = 0;
	let offset = 12;
	for (let chunk = 0; chunk < MAX_BOXES; chunk++) {
		const header = await source.read(offset, 24);
		if (!header || header.length < 8) return undefined;
		const id = header.toString('latin1', 0, 4);
		const size = header.readUInt32LE(4);
		if (id === 'fmt ' && header.length >= 20) byteRate = header.readUInt32LE(16);
		if (id === 'data') return byteRate > 0 ? plausible(size / byteRate) : undefined;
		offset += 8 + size + (size % 2);
	}
	return undefined;
}

/** kbit/s by [MPEG-1 ? 0 : 1][index] for Layer III; sample rates by [version][index]. */
const MP3_BITRATES = [
	[0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
	[0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
];
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

async function mp3Seconds(source: ByteSource, head: Buffer): Promise<number | undefined> {
	// An ID3v2 tag first: its size is four 7-bit bytes.
	const start = head.toString('latin1', 0, 3) === 'ID3' ? 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]) : 0;
	const frame = await source.read(start, 200);
	if (!frame || frame.length < 40 || frame[0] !== 0xff || (frame[1] & 0xe0) !== 0xe0) return undefined;
	const version = (frame[1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
	const layer = (frame[1] >> 1) & 3; // 1 = Layer III
	const bitrate = MP3_BITRATES[version === 3 ? 0 : 1][frame[2] >> 4];
	const rate = MP3_RATES[version]?.[(frame[2] >> 2) & 3];
	if (layer !== 1 || !bitrate || !rate) return undefined;
	const mono = frame[3] >> 6 === 3;
	const samplesPerFrame = version === 3 ? 1152 : 576;
	// Xing / Info header (VBR, or CBR written by LAME) after the side information: its frame count.
	const xingAt = 4 + (version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17);
	const tag = frame.toString('latin1', xingAt, xingAt + 4);
	if ((tag === 'Xing' || tag === 'Info') && frame.readUInt32BE(xingAt + 4) & 1) {
		return plausible((frame.readUInt32BE(xingAt + 8) * samplesPerFrame) / rate);
	}
	if (source.size === undefined) return undefined;
	return plausible(((source.size - start) * 8) / (bitrate * 1000));
}

/** Seconds of media, or undefined when the header is not one the node reads. */
export async function mediaSeconds(source: ByteSource): Promise<number | undefined> {
	const head = await source.read(0, 12);
	if (!head || head.length < 12) return undefined;
	if (head.toString('latin1', 4, 8) === 'ftyp') return await mp4Seconds(source);
	if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WAVE') return await wavSeconds(source);
	return await mp3Seconds(source, head);
}

/** A ByteSource over a buffer (binary data n8n keeps in memory). */
export function bufferSource(buffer: Buffer): ByteSource {
	return { size: buffer.length, read: async (offset, length) => buffer.subarray(offset, offset + length) };
}

/**
 * A ByteSource over a stream read once, front to back (a stored binary file): skipped bytes are
 * dropped as they pass, so a long `mdat` before `moov` costs reading time, not memory.
 */
export function streamSource(open: () => Promise<AsyncIterable<Buffer | string> & { destroy?: () => void }>, size?: number): ByteSource & { close: () => void } {
	let stream: (AsyncIterable<Buffer | string> & { destroy?: () => void }) | undefined;
	let iterator: AsyncIterator<Buffer | string> | undefined;
	let buffered: Buffer = Buffer.alloc(0);
	let position = 0; // file offset of buffered[0]
	let ended = false;
	const fill = async (until: number) => {
		if (!iterator) {
			stream = await open();
			iterator = stream[Symbol.asyncIterator]();
		}
		while (!ended && position + buffered.length < until) {
			const next = await iterator.next();
			if (next.done) {
				ended = true;
				break;
			}
			const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
			buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
		}
	};
	return {
		size,
		async read(offset, length) {
			if (offset < position) return undefined;
			// Drop what lies before `offset`, a chunk at a time.
			while (position + buffered.length <= offset && !ended) {
				position += buffered.length;
				buffered = Buffer.alloc(0);
				await fill(position + 1);
			}
			const skip = offset - position;
			if (skip > buffered.length) return undefined;
			buffered = buffered.subarray(skip);
			position = offset;
			await fill(offset + length);
			return buffered.subarray(0, length);
		},
		close: () => stream?.destroy?.(),
	};
}
