/**
 * Video Translation in n8n's real engine against the Akool mock: Create into one language (picked
 * from the language list) and into several (one create request, one job and one output item per
 * language: Akool documents `language` as a comma list but not how many job ids it answers for one,
 * so the node never sends one; the sandbox's answer to a comma list varies, see translationAnswer),
 * Retry On Fail with several languages, the studio voice options, the refusal of "Wait for Callback"
 * with several languages, List Languages and the language picker.
 */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, expectVideoAfterCallback, listSearchAt, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 25_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 400, credit: 1000, translationAnswer: 'data' });

const CREATE = '/api/open/v3/content/video/createbytranslate';
const POLL = '/api/open/v3/content/video/infobymodelid';
const LANGUAGES = '/api/open/v3/language/list';
const VIDEO = 'https://example.com/talks/keynote.mp4';

const translate = (parameters: INodeParameters): INodeParameters =>
	withFastOptions({ resource: 'videoTranslation', operation: 'create', url: VIDEO, ...parameters });

const language = (code: string, mode: 'list' | 'id' = 'list') => ({ __rl: true, mode, value: code });

/** Calls a `methods.listSearch` method (the language picker) with a filter. */
const listSearch = (method: string, filter?: string) =>
	listSearchAt(mock, method, { resource: 'videoTranslation', operation: 'create' }, 'parameters.language', filter);

describe('Video Translation → Create', () => {
	it('one language from the list → body {url, language}, one item, polled and downloaded', async () => {
		const result = await run(mock, akoolWorkflow(translate({ language: language('ja'), returnAs: 'both' })));
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({ url: VIDEO, language: 'ja' });

		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		const [item] = items;
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'video', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect((item.json.job as IDataObject).language).toBe('ja');
		expect(item.pairedItem).toEqual({ item: 0 });
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(FILE_SIZE);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));
		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.query.video_model_id === jobId)).toBe(true);
	});

	// Whatever Akool answers to a comma list (only `data`, as today's docs show, or also `all_results`),
	// the node sends one language per request, so each job id is known to belong to its language.
	it.each(['data', 'all_results'] as const)(
		'three languages (list + "More Target Languages"), Akool answering a comma list with %s → three creates of one language each, three items, each polled, downloaded and paired to item 0',
		async (translationAnswer) => {
		mock.setOptions({ translationAnswer });
		const result = await run(mock, akoolWorkflow(translate({ language: language('ja'), returnAs: 'both', options: { moreLanguages: ' fr ,de' } })));
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(CREATE);
		expect(creates.map((create) => create.body)).toEqual([
			{ url: VIDEO, language: 'ja' },
			{ url: VIDEO, language: 'fr' },
			{ url: VIDEO, language: 'de' },
		]);

		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		const ids = items.map((item) => item.json.jobId as string);
		expect(new Set(ids).size).toBe(3);
		expect(items.map((item) => item.json.language)).toEqual(['ja', 'fr', 'de']);
		expect(items.map((item) => (item.json.job as IDataObject).language)).toEqual(['ja', 'fr', 'de']);
		for (const item of items) {
			const jobId = item.json.jobId as string;
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ jobType: 'video', status: 3, resultUrl: mock.resultUrl(jobId) });
			expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
			expect(mock.jobs.get(jobId)!.store).toBe('video');
		}
		const polled = new Set(mock.apiRequests(POLL).map((poll) => poll.query.video_model_id));
		expect([...polled].sort()).toEqual([...ids].sort());
		// Every job Akool made (and charged) is an output item: none was lost.
		expect(mock.credit).toBe(1000 - 3 * 10);
		},
	);

	it('a language given twice is sent once', async () => {
		const result = await run(mock, akoolWorkflow(translate({ language: language('fr', 'id'), returnAs: 'url', options: { moreLanguages: 'fr, de' } })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE).map((create) => (create.body as IDataObject).language)).toEqual(['fr', 'de']);
		expect(result.output('Akool').map((item) => item.json.language)).toEqual(['fr', 'de']);
	});

	it('two items of three languages each: six creates, each item\'s three outputs paired with it', async () => {
		const result = await run(mock, akoolWorkflow(translate({ language: language('ja'), returnAs: 'url', options: { moreLanguages: 'fr,de' } })), { items: 2 });
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)).toHaveLength(6);
		const items = result.output('Akool');
		expect(items.map((item) => [item.pairedItem, item.json.language])).toEqual([
			[{ item: 0 }, 'ja'], [{ item: 0 }, 'fr'], [{ item: 0 }, 'de'],
			[{ item: 1 }, 'ja'], [{ item: 1 }, 'fr'], [{ item: 1 }, 'de'],
		]);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(6);
	});

	it('studio voice options → a studio_voice object (style, word list, maps) beside the other options', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				translate({
					language: language('es'),
					completion: 'returnImmediately',
					options: {
						sourceLanguage: 'en',
						lipsync: true,
						speakerNum: 2,
						removeBgm: true,
						captionType: 2,
						captionUrl: 'https://example.com/talks/keynote.srt',
						dynamicDuration: true,
						style: 'calm',
						noTranslateWords: 'Akool, n8n ,  , Workflow',
						fixedWords: { values: [{ word: 'workflow', as: 'flujo de trabajo' }, { word: 'node', as: 'nodo' }] },
						pronouncedWords: { values: [{ word: 'n8n', as: 'n eight n' }] },
					},
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(CREATE);
		expect(create.body).toEqual({
			url: VIDEO,
			language: 'es',
			source_language: 'en',
			lipsync: true,
			speaker_num: 2,
			remove_bgm: true,
			caption_type: 2,
			caption_url: 'https://example.com/talks/keynote.srt',
			dynamic_duration: true,
			studio_voice: {
				style: 'calm',
				no_translate_words: ['Akool', 'n8n', 'Workflow'],
				fixed_words: { workflow: 'flujo de trabajo', node: 'nodo' },
				pronounced_words: { n8n: 'n eight n' },
			},
		});
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobType: 'video', status: 1, statusText: 'queued' });
		expect((item.json.job as IDataObject).language).toBe('es');
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});

	it('only the style: studio_voice holds just the style', async () => {
		const result = await run(mock, akoolWorkflow(translate({ language: language('de'), completion: 'returnImmediately', options: { style: 'cheerful' } })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({ url: VIDEO, language: 'de', studio_voice: { style: 'cheerful' } });
	});

	it('Wait for Callback with one language: the resume URL goes out as webhookUrl; the "video translate" callback resumes it', async () => {
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				akoolWorkflow(translate({ language: language('ja'), completion: 'waitForCallback', options: { waitLimitMinutes: 5 } })),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(CREATE);
			expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining(`${receiver.base}/webhook-waiting/`));
			expect((create.body as IDataObject).language).toBe('ja');
			const jobId = result.output('Akool')[0].json.jobId as string;
			await expectVideoAfterCallback(mock, result, jobId, 'video translate');
		} finally {
			await receiver.close();
		}
	});

	it.each([
		{
			name: 'Wait for Callback with several languages',
			parameters: { language: language('ja'), completion: 'waitForCallback', options: { moreLanguages: 'fr' } },
			message: '"Completion" cannot be "Wait for Callback" when the settings make several jobs',
		},
		{
			name: 'a further language that is not a code',
			parameters: { language: language('ja'), options: { moreLanguages: 'fr, not a code' } },
			message: '"More Target Languages" contains "not a code"',
		},
		{ name: 'no target language', parameters: { language: language('={{ "" }}') }, message: '"Target Language" is required' },
		{ name: 'no video URL', parameters: { url: '={{ "" }}', language: language('ja') }, message: '"Video"' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(mock, akoolWorkflow(translate(parameters as INodeParameters)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('three languages, Return Immediately: three queued items, nothing polled', async () => {
		const result = await run(mock, akoolWorkflow(translate({ language: language('ja'), completion: 'returnImmediately', options: { moreLanguages: 'zh-CN-shandong,zh-CN-sichuan' } })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE).map((create) => (create.body as IDataObject).language)).toEqual(['ja', 'zh-CN-shandong', 'zh-CN-sichuan']);
		const items = result.output('Akool');
		expect(items.map((item) => item.json.language)).toEqual(['ja', 'zh-CN-shandong', 'zh-CN-sichuan']);
		expect(items.map((item) => (item.json.job as IDataObject).language)).toEqual(['ja', 'zh-CN-shandong', 'zh-CN-sichuan']);
		expect(items.every((item) => item.json.status === 1 && JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(3);
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});

	it('three languages, the second fails, Continue On Fail: two results and one {error, jobId} item, in language order', async () => {
		mock.nextJobs({ durationMs: 400 }, 1);
		mock.nextJobs({ durationMs: 300, fail: true, failReason: 'Unsupported dialect' }, 1);
		mock.nextJobs({ durationMs: 500 }, 1);
		const result = await run(
			mock,
			akoolWorkflow(translate({ language: language('ja'), returnAs: 'url', options: { moreLanguages: 'fr,de' } }), { onError: 'continueRegularOutput' }),
		);
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		const failed = [...mock.jobs.values()].find((job) => job.failReason === 'Unsupported dialect')!;
		expect(failed.record.language).toBe('fr');
		expect(items[1].json).toMatchObject({ jobId: failed._id, error: expect.stringContaining('Unsupported dialect') });
		expect(items[0].json).toMatchObject({ status: 3, resultUrl: mock.resultUrl(items[0].json.jobId as string) });
		expect(items[2].json).toMatchObject({ status: 3, resultUrl: mock.resultUrl(items[2].json.jobId as string) });
		expect([(items[0].json.job as IDataObject).language, (items[2].json.job as IDataObject).language]).toEqual(['ja', 'de']);
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('Continue On Fail, credit for one language only: its result, then an {error, language} item for each language Akool refused', async () => {
		mock.setOptions({ credit: 10 });
		const result = await run(
			mock,
			akoolWorkflow(translate({ language: language('ja'), returnAs: 'url', options: { moreLanguages: 'fr,de' } }), { onError: 'continueRegularOutput' }),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE).map((create) => [(create.body as IDataObject).language, create.code])).toEqual([['ja', 1000], ['fr', 1006], ['de', 1006]]);
		const items = result.output('Akool');
		expect(items.map((item) => [item.json.language, item.json.status ?? null, typeof item.json.error])).toEqual([
			['ja', 3, 'undefined'],
			['fr', null, 'string'],
			['de', null, 'string'],
		]);
		expect(items[1].json.error).toContain('1006');
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	describe('Retry On Fail (node Settings) with several languages: each language\'s job is created at most once', () => {
		const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

		it('the second language\'s job fails: three creates over all tries (not nine), and the error names it', async () => {
			mock.nextJobs({}, 1);
			mock.nextJobs({ fail: true, failReason: 'Unsupported dialect', durationMs: 300 }, 1);
			mock.nextJobs({}, 1);
			const before = new Set(mock.jobs.keys());
			const result = await run(mock, akoolWorkflow(translate({ language: language('ja'), returnAs: 'url', options: { moreLanguages: 'fr,de' } }), retry));
			const error = runError(result);
			expect(error.message).toContain('Unsupported dialect');
			expect(mock.apiRequests(CREATE).map((create) => (create.body as IDataObject).language)).toEqual(['ja', 'fr', 'de']);
			const made = [...mock.jobs.values()].filter((job) => !before.has(job._id));
			expect(made.map((job) => job.record.language)).toEqual(['ja', 'fr', 'de']);
			expect([...((error.context?.jobIds as string[] | undefined) ?? [])].sort()).toEqual(made.map((job) => job._id).sort());
		});

		it('the third language refused for credit (1006, nothing created): the retry creates only it, and all three come out', async () => {
			// Credit for two translations: ja and fr are created, de is refused. Once it is, credit is added,
			// and n8n's retry must create de alone (ja and fr exist: their slots of the item's record are kept).
			mock.setOptions({ credit: 20 });
			let refused = false;
			const topUp = (async () => {
				while (!mock.apiRequests(CREATE).some((request) => request.code === 1006)) await sleep(5);
				refused = true;
				mock.setOptions({ credit: 1000 });
			})();
			const result = await run(mock, akoolWorkflow(translate({ language: language('ja'), returnAs: 'url', options: { moreLanguages: 'fr,de' } }), { ...retry, waitBetweenTries: 300 }));
			await topUp;
			expect(refused).toBe(true);
			expect(result.status).toBe('success');
			expect(mock.apiRequests(CREATE).map((create) => [(create.body as IDataObject).language, create.code])).toEqual([
				['ja', 1000], ['fr', 1000], ['de', 1006], ['de', 1000],
			]);
			const items = result.output('Akool');
			expect(items.map((item) => item.json.language)).toEqual(['ja', 'fr', 'de']);
			expect(items.every((item) => item.json.status === 3)).toBe(true);
		});
	});

	it('a failed translation stops the run with its job id and reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'The video has no speech', durationMs: 300 });
		const result = await run(mock, akoolWorkflow(translate({ language: language('ko') })));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.failReason === 'The video has no speech');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('The video has no speech');
		expect(error.context?.jobId).toBe(job._id);
	});
});

describe('Video Translation → List Languages, and the language picker', () => {
	it('List Languages: one item per language (name, code, flag URL), from one request', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'videoTranslation', operation: 'listLanguages' }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${LANGUAGES}`]);
		const items = result.output('Akool');
		expect(items.length).toBeGreaterThanOrEqual(30);
		const codes = items.map((item) => item.json.lang_code);
		expect(codes).toEqual(expect.arrayContaining(['en', 'ja', 'fr', 'de', 'zh-CN', 'zh-CN-shandong', 'zh-CN-sichuan']));
		expect(new Set(codes).size).toBe(codes.length);
		for (const item of items) {
			expect(item.json).toEqual({ lang_name: expect.any(String), lang_code: expect.any(String), url: expect.stringMatching(/^http/) });
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	it('searchLanguages: "jap" finds Japanese (ja); no filter lists them all', async () => {
		const found = await listSearch('searchLanguages', 'jap');
		expect(found.results.map((entry) => entry.value)).toEqual(['ja']);
		expect(found.results[0].name).toMatch(/Japanese/);
		expect(found.results[0].name).toContain('(ja)');
		expect(found.paginationToken).toBeUndefined();
		expect(mock.apiRequests().map((request) => request.path)).toEqual([LANGUAGES]);

		const all = await listSearch('searchLanguages');
		expect(all.results.length).toBeGreaterThanOrEqual(30);
		expect(all.results.map((entry) => entry.value)).toEqual(expect.arrayContaining(['zh-CN-shandong']));

		// By code as well as by name.
		const byCode = await listSearch('searchLanguages', 'zh-cn-s');
		expect(byCode.results.map((entry) => entry.value).sort()).toEqual(['zh-CN-shandong', 'zh-CN-sichuan']);
	});
});
