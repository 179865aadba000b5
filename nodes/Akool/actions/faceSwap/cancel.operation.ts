import { akoolApiRequest } from '../../transport';
import { defineAction } from '../define';

export const cancel = defineAction({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel face swap jobs',
	description: 'Stop face swap or reage jobs that are still running',
	fields: [
		{
			name: 'akoolJobIds',
			akool: 'job_ids',
			label: 'Akool Job IDs (job_id)',
			type: 'idList',
			required: true,
			max: 100,
			placeholder: '{{ $json.job.job_id }}',
			// Akool cancels by the create's job_id, not by its _id (akool-api.md §4.2 #9).
			description: 'The "job_id" values Akool returned at creation (in the "job" output of Return Immediately), not the "jobId" (_id)',
		},
	],
	async run({ i, body }) {
		await akoolApiRequest.call(this, { method: 'POST', endpoint: '/api/open/v3/faceswap/job/del', body, itemIndex: i });
		return { cancelledJobIds: String(body.job_ids).split(',') };
	},
});
