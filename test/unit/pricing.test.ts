import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CREATE_ENDPOINTS } from '../../nodes/Akool/helpers/jobs';
import type { CreateEndpointKey } from '../../nodes/Akool/helpers/jobs';
import { chargedCredits, costFields, estimateRequest, PRICES, sumEstimates } from '../../nodes/Akool/helpers/pricing';

/** Rows that price from the body alone (no model list): a context that fails if it is used. */
const ctx = new Proxy({}, { get: () => { throw new Error('this row should not read Akool'); } }) as unknown as IExecuteFunctions;
const price = async (key: CreateEndpointKey, body: IDataObject) => await estimateRequest(ctx, key, body, 0);

describe('the price table', () => {
	it('has a row for every create endpoint, and no other', () => {
		expect(Object.keys(PRICES).sort()).toEqual(Object.keys(CREATE_ENDPOINTS).sort());
	});

	// Numbers from Akool's pricing pages (docs.akool.com, ai-tools-suite/…), not from the code.
	it.each([
		['characterSwap.create', { resolution: '720p', duration: 12 }, 30], // the page's own example
		['characterSwap.create', { resolution: '480p', duration: 1 }, 5],
		['characterSwap.create', { resolution: '1080p', duration: 120 }, 360],
		['characterSwap.create', { duration: 10 }, 20], // 720p is Akool's default
		['imageToVideo.create', { resolution: '720p', video_length: 5 }, 20],
		['imageToVideo.create', { resolution: '4k', video_length: 10 }, 60],
		['textToVideo.create', { resolution: '1080p', video_length: 10 }, 50],
		['textToVideo.create', { resolution: '1080p', video_length: 5, count: 3 }, 75],
		['voice.textToSpeech', { input_text: 'x'.repeat(1000) }, 4.4],
		['moderation.analyze', { type: 1, content: 'https://e.com/a.png' }, 0.2],
		['moderation.analyze', { type: 4, content: 'y'.repeat(601) }, 0.2],
		['image.generateV4', { batch_quantity: 3 }, 3],
	].map(([key, body, credits]) => [key, JSON.stringify(body).slice(0, 60), credits, body]) as Array<[CreateEndpointKey, string, number, IDataObject]>)('%s %s → %s credits', async (key, _shown, credits, body) => {
		const estimate = await price(key, body);
		expect(estimate.credits).toBe(credits);
		expect(estimate.basis).not.toMatch(/^unknown/);
	});

	it.each([
		['characterSwap.create', {}, /set Duration/],
		['imageToVideo.create', { resolution: '720p' }, /Video Length/],
		['moderation.analyze', { type: 2, content: 'https://e.com/v.mp4' }, /per minute of video/],
		['talkingPhoto.create', {}, /no price for talking photo/],
		['faceSwap.swapPro', {}, /no price for Face Swap Pro/],
	] as Array<[CreateEndpointKey, IDataObject, RegExp]>)('%s %j is unknown, saying why', async (key, body, why) => {
		const estimate = await price(key, body);
		expect(estimate.credits).toBeNull();
		expect(estimate.basis).toMatch(/^unknown: /);
		expect(estimate.basis).toMatch(why);
	});

	it('a model list that cannot be read makes the estimate unknown, never an error', async () => {
		const estimate = await price('textToVideo.create', { model_name: 'some-model', resolution: '720p', video_length: 5 });
		expect(estimate.credits).toBeNull();
		expect(estimate.basis).toContain('could not be read');
	});
});

describe('sums, charges and output fields', () => {
	it('several requests of one item add up; one unknown makes the sum unknown', () => {
		expect(sumEstimates([{ credits: 10, basis: 'a', jobs: 1 }, { credits: 2.5, basis: 'b', jobs: 2 }])).toEqual({ credits: 12.5, basis: 'a; b', jobs: 3 });
		expect(sumEstimates([{ credits: 10, basis: 'a', jobs: 1 }, { credits: null, basis: 'unknown: x', jobs: 1 }]).credits).toBeNull();
	});

	it("a job's output carries its share of a batch's estimate", () => {
		expect(costFields({ credits: 30, basis: '3 × 10', jobs: 3 })).toEqual({ estimatedCredits: 10, estimateBasis: '3 × 10' });
		expect(costFields({ credits: null, basis: 'unknown: why', jobs: 2 })).toEqual({ estimatedCredits: null, estimateBasis: 'unknown: why' });
	});

	it("reads Akool's charge from deduction_credit, or from deduction_duration where Akool documents it as credits", () => {
		expect(chargedCredits({ deduction_credit: 30 }, 'video')).toBe(30);
		expect(chargedCredits({ deduction_credit: 0, deduction_duration: 12 }, 'video')).toBe(0);
		expect(chargedCredits({ deduction_duration: 12 }, 'video')).toBe(12);
		expect(chargedCredits({ deduction_duration: 12 }, 'headSwapV4')).toBeNull();
		expect(chargedCredits({}, 'faceSwap')).toBeNull();
	});
});
