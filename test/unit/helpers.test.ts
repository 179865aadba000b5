import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { fileNameFromUrl } from '../../nodes/Akool/helpers/binary';
import { akoolApiError, AKOOL_ERRORS } from '../../nodes/Akool/helpers/errors';
import { CREATE_ENDPOINTS, JOB_FAMILIES, toSnapshot } from '../../nodes/Akool/helpers/jobs';

const node: INode = { id: '1', name: 'Akool', type: 'n8n-nodes-akool.akool', typeVersion: 1, position: [0, 0], parameters: {} };

describe('jobs table invariants', () => {
	it.each(Object.values(JOB_FAMILIES))('$key has a poll endpoint, status, result and failure fields', (family) => {
		expect(family.poll.path).toMatch(/^\/api\/open\/v[34]\//);
		expect(['GET', 'POST']).toContain(family.poll.method);
		expect(family.poll.idParam).toBeTruthy();
		expect(family.statusField).toMatch(/status$/);
		expect(family.resultFields.length).toBeGreaterThan(0);
		expect(family.failureFields.length).toBeGreaterThan(0);
		expect(family.callbackTypes.length).toBeGreaterThan(0);
	});

	it('every create endpoint polls an existing family with a documented webhook spelling', () => {
		for (const endpoint of Object.values(CREATE_ENDPOINTS)) {
			expect(JOB_FAMILIES[endpoint.family]).toBeDefined();
			// v4 endpoints spell it in lower case, v3 in camel case (akool-api.md §6).
			if ('webhookField' in endpoint) {
				expect(endpoint.webhookField).toBe(endpoint.path.includes('/v4/') ? 'webhookurl' : 'webhookUrl');
			}
		}
	});

	it('never reads the character swap input video as the result', () => {
		const snapshot = toSnapshot(JOB_FAMILIES.video, 'x', {
			video_status: 3,
			video: 'https://cdn/out.mp4',
			video_url: 'https://in/in.mp4',
		});
		expect(snapshot.resultUrl).toBe('https://cdn/out.mp4');
	});

	it('reads the status from `status` when a record lacks the family field, and the failure reason', () => {
		const snapshot = toSnapshot(JOB_FAMILIES.video, 'x', { status: 4, faceswap_fail_reason: 'no face' });
		expect(snapshot).toMatchObject({ status: 4, statusText: 'failed', failureReason: 'no face' });
		expect(toSnapshot(JOB_FAMILIES.image, 'y', { image_status: 3, image: '', upscaled_urls: ['https://u/1.png'] }).resultUrl).toBe(
			'https://u/1.png',
		);
	});
});

describe('Akool error map', () => {
	it('turns a code into a NodeApiError with the code, Akool message and a hint', () => {
		const error = akoolApiError(node, 1006, 'quota not enough', { endpoint: '/x', itemIndex: 2 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Your Akool quota is used up (Akool code 1006: quota not enough)');
		expect(error.description).toContain('Top up credits');
		expect(error.context.itemIndex).toBe(2);
	});

	it('falls back to the code and the docs for unknown codes', () => {
		const error = akoolApiError(node, 4242, undefined, { endpoint: '/x' });
		expect(error.message).toBe('Akool returned error code 4242');
		expect(error.description).toContain('error-code');
	});

	it('has a hint for every documented code the style guide calls out', () => {
		for (const code of [1003, 1005, 1006, 1008, 1015, 1101, 1102, 1104, 1200]) {
			expect(AKOOL_ERRORS[code].hint.length).toBeGreaterThan(10);
		}
	});
});

describe('result file names', () => {
	it.each([
		['https://d1.cloudfront.net/a/b/result%20final.mp4?sig=1', 'result final.mp4'],
		['https://cdn/x/6593c94c', '6593c94c.mp4'],
		['https://cdn/', 'job1.mp4'],
		['https://cdn/../../etc/pa$$wd.png', 'pa_wd.png'],
	])('%s → %s', (url, name) => {
		expect(fileNameFromUrl(url, 'job1', 'mp4')).toBe(name);
	});
});
