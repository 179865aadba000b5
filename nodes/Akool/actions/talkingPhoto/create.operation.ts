import { defineCreate } from '../define';

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Create a talking photo video',
	description: 'Make the person in a photo speak an audio track',
	endpoint: 'talkingPhoto.create',
	fields: [
		{ name: 'photoUrl', akool: 'talking_photo_url', label: 'Photo URL', type: 'url', required: true, placeholder: 'https://example.com/portrait.jpg', description: 'Public link to the photo of the person who will talk' },
		{ name: 'audioUrl', akool: 'audio_url', label: 'Audio URL', type: 'url', required: true, placeholder: 'https://example.com/speech.mp3', description: 'Public link to the speech (MP3 recommended). The audio length sets the video length.' },
		{ name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', optional: true, rows: 3, maxLength: 2000, description: 'Optional guidance for gestures and movement' },
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			optional: true,
			// Talking photo spells resolutions without the "p" (akool-api.md §4.5).
			options: [
				{ name: '720p', value: '720' },
				{ name: '1080p', value: '1080' },
			],
			default: '720',
		},
	],
});
