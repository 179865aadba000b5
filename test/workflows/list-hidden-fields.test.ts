/**
 * List operations never output Akool's echo of a webhook URL (R15): Akool lists it with each
 * record (voiceLab.mdx, "Get Resource List" and "Get Voice List": `webhookUrl`), and after a
 * "Wait for Callback" it is this n8n's resume URL with the execution's resume token. The same
 * fields as job snapshots are hidden (R14).
 */
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({}, (started) => (mock = started));

/** Every spelling of the echoed webhook URL Akool uses (akool-api.md §1: webhookUrl / webhookurl; webhook_url in v3 records). */
const ECHO_FIELDS = ['webhookUrl', 'webhookurl', 'webhook_url'];

const RESUME_URL = 'http://127.0.0.1:1/webhook-waiting/42?signature=s3cr3t-resume-token';

describe('List operations hide Akool\'s echoed webhook URL (R15)', () => {
	it('Voice → List Results: no webhookUrl, and the resume token appears nowhere in the output', async () => {
		const job = mock.addJob({ store: 'voiceResult', status: 3, webhookUrl: RESUME_URL });
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listResults', type: 1, returnAll: true }));
		expect(result.status).toBe('success');
		const items = result.output('Akool').map((item) => item.json);
		const listed = items.find((item) => item._id === job._id);
		expect(listed).toBeDefined();
		for (const field of ECHO_FIELDS) expect(Object.keys(listed!)).not.toContain(field);
		expect(JSON.stringify(items)).not.toContain('s3cr3t-resume-token');
		// The rest of the record is kept.
		expect(listed).toMatchObject({ _id: job._id, status: 3 });
	});

	it('Voice → List Voices (your clones): the same', async () => {
		const job = mock.addJob({ store: 'voiceClone', status: 3, webhookUrl: RESUME_URL });
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 1, returnAll: true }));
		const items = result.output('Akool').map((item) => item.json);
		expect(items.map((item) => item._id)).toContain(job._id);
		expect(JSON.stringify(items)).not.toContain('s3cr3t-resume-token');
		for (const item of items) for (const field of ECHO_FIELDS) expect(Object.keys(item)).not.toContain(field);
	});
});
