import type { IDataObject } from 'n8n-workflow';

import { ANALYZE_FRAMES_PATH } from '../../helpers/detection';
import { invalidField } from '../../helpers/validation';
import { akoolApiRequest } from '../../transport';
import { defineAction, omit } from '../define';

export const analyzeFrames = defineAction({
	value: 'analyzeFrames',
	name: 'Analyze Frames',
	action: 'Find the people across video frames',
	description: 'Group the faces of several frames into people, with where each appears (for multi-face swaps)',
	fields: [
		{ name: 'frameUrls', akool: 'frame_urls', label: 'Frame Image URLs', type: 'urlList', min: 1, max: 100, required: true, description: 'Public links to the frames (images), in order' },
		{ name: 'timestamps', akool: 'timestamps', label: 'Timestamps (Seconds)', type: 'numberList', optional: true, min: 0, placeholder: '0, 1.5, 3', description: 'The time of each frame in the video, one per frame URL' },
		{ name: 'expandRatio', akool: 'expand_ratio', label: 'Expand Ratio', type: 'number', optional: true, min: 0, max: 1, default: 0.3, description: 'How much to enlarge each face crop, 0–1' },
	],
	check({ i, body }) {
		const frames = body.frame_urls as string[];
		const times = body.timestamps as number[] | undefined;
		if (times && times.length !== frames.length) {
			throw invalidField(this, i, 'Timestamps (Seconds)', `needs one number per frame URL (${frames.length}), got ${times.length}`);
		}
	},
	async run({ i, body }) {
		const answer = (await akoolApiRequest.call(this, {
			method: 'POST',
			endpoint: ANALYZE_FRAMES_PATH,
			body,
			envelope: 'detect',
			idempotent: true,
			itemIndex: i,
		})) as IDataObject;
		return omit(answer, ['success']);
	},
});
