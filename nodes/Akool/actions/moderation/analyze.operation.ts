import { isHttpUrl, invalidField } from '../../helpers/validation';
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
		{ name: 'content', akool: 'content', label: 'Content', type: 'string', rows: 3, required: true, maxLength: 100000, description: 'A public URL of the media; for text, the text or a URL' },
		{ name: 'language', akool: 'language', label: 'Language', type: 'string', optional: true, maxLength: 10, placeholder: 'en', description: 'ISO 639-1 code of the content (recommended for video, audio and text)' },
		{ name: 'instruction', akool: 'input', label: 'Custom Instruction', type: 'string', optional: true, rows: 2, maxLength: 5000, description: 'What to look for, in your words' },
	],
	check({ i, body }) {
		if (body.type !== 4 && !isHttpUrl(String(body.content))) {
			throw invalidField(this, i, 'Content', 'must be a public http(s) URL for images, videos and audio');
		}
	},
});
