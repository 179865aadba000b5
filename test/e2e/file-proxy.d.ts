/** Typings for ./file-proxy.js. */
export interface FileRequest {
	path: string;
	/** ms since the epoch: the GET arrived */
	start: number;
	/** ms since the epoch: the answer to n8n was finished or dropped */
	end?: number;
	/** bytes passed on to n8n */
	bytes: number;
	/** the whole file was sent (false: n8n dropped the connection first) */
	complete?: boolean;
}

export interface FileProxy {
	url: string;
	/** every /files/ GET since the last reset, in arrival order */
	files: FileRequest[];
	/** bytesPerSecond > 0 paces every file body (per request) */
	settings: { bytesPerSecond: number };
	/** the most /files/ GETs open at the same time since the last reset */
	readonly maxActive: number;
	/** the same, from the log's [start, end] intervals */
	mostAtOnce(): number;
	reset(): void;
	close(): Promise<void>;
}

export function startFileProxy(target: string): Promise<FileProxy>;
