// @ts-check
/**
 * Orphan guard for n8n.js: `node watchdog.js <ownerPid> <pgid> [tempUserFolder]`.
 * Started detached next to every n8n server. When the owner process (the jest run or the
 * `npm start` script) is gone without having stopped n8n — killed with SIGKILL, crashed,
 * jest worker torn down — it sends SIGTERM to the n8n process group (n8n + its task runner),
 * then SIGKILL after 10 s, and removes the temp user folder if one was given. Exits as soon as
 * the group is empty.
 */
'use strict';

const fs = require('node:fs');

const owner = Number(process.argv[2]);
const pgid = Number(process.argv[3]);
const tempFolder = process.argv[4];
if (!owner || !pgid) process.exit(2);

/** @param {number} pid  alive and not a zombie (an exited owner can linger as a zombie) */
function alive(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

/** any non-zombie process left in the group? */
function groupAlive() {
	for (const e of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(e)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
			const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (rest[0] !== 'Z' && Number(rest[2]) === pgid) return true;
		} catch {
			/* vanished */
		}
	}
	return false;
}

/** @param {NodeJS.Signals} sig */
function signalGroup(sig) {
	try {
		process.kill(-pgid, sig);
	} catch {
		/* gone */
	}
}

let termSentAt = 0;
const timer = setInterval(() => {
	if (!groupAlive()) {
		clearInterval(timer);
		// only clean up after an owner that died: a live owner removes its folder in stop()
		if (tempFolder && (termSentAt || !alive(owner))) fs.rmSync(tempFolder, { recursive: true, force: true });
		process.exit(0);
	}
	if (alive(owner)) return;
	if (!termSentAt) {
		termSentAt = Date.now();
		signalGroup('SIGTERM');
	} else if (Date.now() - termSentAt > 10_000) {
		signalGroup('SIGKILL');
	}
}, 500);
