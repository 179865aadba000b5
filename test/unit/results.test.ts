import { JOB_FAMILIES, toSnapshot } from '../../nodes/Akool/helpers/jobs';
import { findResultUrl, unexpectedResultWarning } from '../../nodes/Akool/helpers/results';

/**
 * The search for a finished job's result link where Akool does not document the field
 * (helpers/results.ts). The host rule here is a stand-in for the download allow-list: links on
 * cdn.akool.com count, others do not.
 */
const onAkool = (url: string) => new URL(url).hostname === 'cdn.akool.com';
const task = JOB_FAMILIES.studioMotionSwap;
const OUT = 'https://cdn.akool.com/out.mp4';

describe('findResultUrl', () => {
	it('finds a link nested in objects and arrays, and says where', () => {
		expect(findResultUrl({ _id: 'a', status: 3, result: { url: OUT } }, task, onAkool)).toEqual({ url: OUT, at: 'result.url' });
		expect(findResultUrl({ status: 3, outputs: [{ index: 0, file: { href: OUT } }] }, task, onAkool)).toEqual({ url: OUT, at: 'outputs[0].file.href' });
	});

	it('takes only links on a result host', () => {
		expect(findResultUrl({ status: 3, result: { url: 'https://elsewhere.example/out.mp4' } }, task, onAkool)).toBeUndefined();
		expect(findResultUrl({ status: 3, note: 'see https://cdn.akool.com/out.mp4' }, task, onAkool)).toBeUndefined();
	});

	it('prefers a result name over another field, whatever the order and depth', () => {
		const record = { status: 3, poster: 'https://cdn.akool.com/frame.jpg', data: { output_url: OUT } };
		expect(findResultUrl(record, task, onAkool)).toEqual({ url: OUT, at: 'data.output_url' });
	});

	it("never takes the job's inputs, callbacks or side files", () => {
		const record = {
			status: 3,
			video: 'https://cdn.akool.com/driving.mp4',
			images: ['https://cdn.akool.com/character.png'],
			target_url: 'https://cdn.akool.com/scene.mp4',
			sourceVideoUrl: 'https://cdn.akool.com/source.mp4',
			mappings: [{ obj_id: 0, img_url: 'https://cdn.akool.com/head.png' }],
			webhookUrl: 'https://cdn.akool.com/hook',
			thumbnail_url: 'https://cdn.akool.com/thumb.jpg',
			track_manifest_url: 'https://cdn.akool.com/manifest.json',
		};
		expect(findResultUrl(record, task, onAkool)).toBeUndefined();
		// A key that merely contains such a word is not one ("resources" is not "source").
		expect(findResultUrl({ ...record, resources: [OUT] }, task, onAkool)).toEqual({ url: OUT, at: 'resources[0]' });
	});
});

// Which families are read tolerantly is checked against the references in jobs-table.test.ts.
describe('the warning', () => {
	it('the warning names the job, says it is finished and paid, and where to look', () => {
		const snapshot = toSnapshot(task, 'job-1', { status: 3 });
		const none = unexpectedResultWarning(task, snapshot, undefined);
		expect(none).toContain('job-1');
		expect(none).toMatch(/finished.*paid/);
		expect(none).toContain('Job → Download');
		expect(none).toContain('motion-swap-v5/get-result');
		expect(unexpectedResultWarning(task, snapshot, { url: OUT, at: 'result.url' })).toContain('"result.url"');
	});
});
