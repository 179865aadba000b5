import { defineCreate } from '../define';
import { audioFields } from './shared';

export const updateAudio = defineCreate({
	value: 'updateAudio',
	name: 'Update Audio',
	action: 'Replace the audio of a video',
	description: 'Add or replace the sound of a finished image-to-video video',
	// Akool documents no webhook field for this endpoint: polling only (the table says so).
	endpoint: 'imageToVideo.updateAudio',
	fields: [
		{ name: 'videoId', akool: 'pre_video_id', label: 'Video ID', type: 'string', required: true, description: 'The job ID of a finished image-to-video video' },
		...audioFields(false),
	],
});
