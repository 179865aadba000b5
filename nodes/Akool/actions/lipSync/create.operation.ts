import { defineCreate } from '../define';

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Lip-sync a video to an audio',
	description: 'Make the person in a video speak an audio track (video up to 60 s, 300 MB, 25 fps or less recommended)',
	endpoint: 'lipSync.create',
	fields: [
		{ name: 'videoUrl', akool: 'video_url', label: 'Video URL', type: 'url', required: true, placeholder: 'https://example.com/talk.mp4', description: 'Public link to the video of the person' },
		{ name: 'audioUrl', akool: 'audio_url', label: 'Audio URL', type: 'url', required: true, placeholder: 'https://example.com/speech.mp3', description: 'Public link to the speech; about as long as the video' },
	],
});
