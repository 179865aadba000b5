import { defineCreate } from '../define';

export const analyze = defineCreate({
	value: 'analyze',
	name: 'Analyze',
	action: 'Check content for compliance',
	description: 'Jarvis moderation of an image, video, audio or text: waits for the verdict (Compliant, Non-Compliant or Unknown) and the findings; nothing to download. Enterprise accounts.',
	endpoint: 'moderation.analyze',
	fields: [
		{
			name: 'contentType',
			akool: 'type',
			label: 'Content Type',
			type: 'options',
			options: [
				{ name: 'Image', value: 1, description: 'Up to 20 MB: PNG, JPEG, WEBP, non-animated GIF' },
				{ name: 'Video', value: 2, description: 'Up to 1024 MB and 1080p: MP4, AVI' },
				{ name: 'Audio', value: 3, description: 'Up to 25 MB and 60 minutes' },
				{ name: 'Text', value: 4, description: 'The text itself, or a link to a TXT, DOCX, PDF, CSV, MD or JSON file' },
			],
			default: 1,
		},
		// Akool's one `content` field, as a media input per type (a URL or a binary file, with Akool's size limit) or as text.
		{ name: 'image', akool: 'content', label: 'Image URL', type: 'url', media: ['image'], maxMb: 20, required: true, show: { contentType: [1] }, placeholder: 'https://example.com/photo.jpg', description: 'Public link to the image (up to 20 MB)' },
		{ name: 'video', akool: 'content', label: 'Video URL', type: 'url', media: ['video'], maxMb: 1024, required: true, show: { contentType: [2] }, placeholder: 'https://example.com/clip.mp4', description: 'Public link to the video (up to 1024 MB)' },
		{ name: 'audio', akool: 'content', label: 'Audio URL', type: 'url', media: ['audio'], maxMb: 25, required: true, show: { contentType: [3] }, placeholder: 'https://example.com/speech.mp3', description: 'Public link to the audio (up to 25 MB)' },
		{ name: 'content', akool: 'content', label: 'Text', type: 'string', rows: 3, required: true, maxLength: 100000, show: { contentType: [4] }, description: 'The text itself, or a public link to a TXT, DOCX, PDF, CSV, MD or JSON file' },
		{ name: 'language', akool: 'language', label: 'Language', type: 'string', optional: true, maxLength: 10, placeholder: 'en', description: 'ISO 639-1 code of the content (recommended for video, audio and text)' },
		{ name: 'instruction', akool: 'input', label: 'Custom Instruction', type: 'string', optional: true, rows: 2, maxLength: 5000, description: 'What to look for, in your words' },
	],
});
