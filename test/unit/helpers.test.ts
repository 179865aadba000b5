import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { fileNameFromUrl } from '../../nodes/Akool/helpers/binary';
import { akoolApiError, AKOOL_ERRORS } from '../../nodes/Akool/helpers/errors';

const node: INode = { id: '1', name: 'Akool', type: 'n8n-nodes-akool.akool', typeVersion: 1, position: [0, 0], parameters: {} };

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
