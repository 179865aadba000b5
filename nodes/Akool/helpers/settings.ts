/**
 * The limits and defaults of the job settings, in one place: the editor descriptions
 * (actions/common.descriptions.ts) and the validation (helpers/completion.ts) both read them, so
 * they cannot disagree. Defaults are repeated as literals in the descriptions (n8n's lint wants
 * literals there); a unit test checks that they match.
 */
export const SETTINGS = {
	timeoutMinutes: { min: 0.05, max: 1440, default: 30 },
	/** Below Akool's recommended 5 s only against a sandbox or proxy: see AKOOL_MIN_POLL_SECONDS. */
	pollIntervalSeconds: { min: 0.2, max: 600, default: 10 },
	/** The interval grows ×1.5 after each check up to this (or the chosen interval, if larger). */
	maxPollIntervalSeconds: 60,
	maxConcurrentJobs: { min: 1, max: 100, default: 50 },
	waitLimitMinutes: { min: 0.05, max: 43200, default: 60 },
	/** 0 = no limit. */
	maxFileSizeMb: { min: 0, max: 100_000, default: 2048 },
	/** Where n8n keeps binary data in memory; 0 = no limit. */
	maxInMemoryMb: { min: 0, max: 100_000, default: 100 },
	downloadTimeoutMinutes: { min: 0.05, max: 1440, default: 60 },
	/**
	 * Result downloads at once per n8n process where n8n holds each whole file in memory while it
	 * stores it (database, S3/Azure and in-memory binary data modes); independent of Max
	 * Concurrent Jobs. See helpers/binaryStore.ts and the README ("Memory of result downloads").
	 */
	bufferedDownloads: 3,
	/** …and another one starts only while those in flight declared (Content-Length) less than this together (MB). */
	bufferedDownloadsBudgetMb: 256,
	/** n8n's default N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (MiB): runtime code cannot read n8n's settings. */
	databaseModeMaxFileMb: 512,
	/** In-memory mode: what the files one node run downloads may take together (or the per-file limit, if higher). */
	maxInMemoryRunMb: 256,
} as const;

/** When an AI agent calls the node as a tool, a wait never lasts longer than this. */
export const TOOL_MAX_WAIT_MINUTES = 10;

/** The node runs as an AI agent's tool (n8n wraps usableAsTool nodes as `<type>Tool`). */
export function runsAsTool(node: { type: string }): boolean {
	return node.type.endsWith('Tool');
}

/** Against Akool's own API (not a sandbox or proxy) status checks are never more frequent than this. */
export const AKOOL_MIN_POLL_SECONDS = 5;

/** Akool's production hosts, where AKOOL_MIN_POLL_SECONDS applies. */
export function isAkoolApiHost(baseUrl: string): boolean {
	try {
		const host = new URL(baseUrl).hostname.toLowerCase();
		return host === 'akool.com' || host.endsWith('.akool.com');
	} catch {
		return false;
	}
}
