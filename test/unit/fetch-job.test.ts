import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { JobFamily } from '../../nodes/Akool/helpers/jobs';
import { fetchJob } from '../../nodes/Akool/helpers/polling';

/**
 * fetchJob reads every answer shape the job table can describe: the id in the query, the body or
 * the path; the record in `data`, wrapped (`data.result`), or found by _id in a list
 * (`data.result[]`, or `data` itself as an array). Checked against canned Akool answers.
 */
function context(answer: unknown) {
	const sent: IHttpRequestOptions[] = [];
	const ctx = {
		getNode: () => ({ id: '1', name: 'Akool', type: 'n8n-nodes-akool.akool', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ apiKey: 'k', baseUrl: 'https://sandbox.example' }),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				return { statusCode: 200, headers: {}, body: { code: 1000, msg: 'OK', data: answer } };
			},
		},
	};
	return { ctx, sent };
}

const family = (poll: JobFamily['poll']): JobFamily => ({
	key: 'video',
	displayName: 'Test store',
	description: '',
	poll,
	statusField: 'status',
	resultKind: 'file',
	resultFields: ['preview'],
	failureFields: ['error_reason'],
	callbackTypes: ['x'],
	fileExtension: 'mp3',
});

const ID = '6593c94c0ef703e8c055e3c8';
const record: IDataObject = { _id: ID, status: 3, preview: 'https://cdn.example/a.mp3' };

describe('fetchJob', () => {
	it('id in the path, record wrapped in data.result (VoiceLab result detail)', async () => {
		const { ctx, sent } = context({ result: record });
		const snapshot = await fetchJob.call(ctx as never, family({ method: 'GET', path: '/api/open/v4/voice/resource/detail/{id}', idParam: '_id', idIn: 'path', recordAt: 'result' }), ID);
		expect(sent[0].url).toBe(`https://sandbox.example/api/open/v4/voice/resource/detail/${ID}`);
		expect(sent[0].qs).toBeUndefined();
		expect(snapshot).toMatchObject({ jobId: ID, status: 3, resultUrl: 'https://cdn.example/a.mp3' });
	});

	it('id in the query, answer a bare array in data (avatar detail)', async () => {
		const { ctx, sent } = context([{ ...record, _id: 'other' }, record]);
		const snapshot = await fetchJob.call(ctx as never, family({ method: 'GET', path: '/api/open/v3/avatar/detail', idParam: 'id', idIn: 'query', listAt: '' }), ID);
		expect(sent[0].qs).toEqual({ id: ID });
		expect(snapshot.record._id).toBe(ID);
	});

	it('id in the body, list at data.result (image to video)', async () => {
		const { ctx, sent } = context({ result: [record] });
		const snapshot = await fetchJob.call(ctx as never, family({ method: 'POST', path: '/api/open/v4/image2Video/resultsByIds', idParam: '_ids', idIn: 'body', listAt: 'result' }), ID);
		expect(sent[0].body).toEqual({ _ids: ID });
		expect(snapshot.status).toBe(3);
	});

	it('a list without the job, or a wrapper without a record, is "no such job" (not a crash)', async () => {
		const missing = context({ result: [] });
		await expect(
			fetchJob.call(missing.ctx as never, family({ method: 'GET', path: '/x', idParam: '_ids', idIn: 'query', listAt: 'result' }), ID),
		).rejects.toThrow(`Akool has no Test store job with ID "${ID}"`);
		const unwrapped = context(record);
		await expect(
			fetchJob.call(unwrapped.ctx as never, family({ method: 'GET', path: '/x/{id}', idParam: '_id', idIn: 'path', recordAt: 'result' }), ID),
		).rejects.toThrow('Akool has no Test store job');
	});
});
