import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for this run's request log (see request-log.setup.ts); the test workers inherit it. */
export default function globalSetup(): void {
	process.env.AKOOL_REQUEST_LOG = mkdtempSync(join(tmpdir(), 'akool-request-log-'));
}
