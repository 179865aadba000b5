import { defineCreate } from '../define';
import { legacy, rateField } from './shared';

const textField = { name: 'text', akool: 'input_text', label: 'Text', type: 'string', rows: 4, required: true, maxLength: 5000, description: 'What to say (up to 5,000 characters)' } as const;

/** v3 wants the rate as a percentage string ("80%"). */
const percent = ({ body }: { body: Record<string, unknown> }) => ({ ...body, rate: `${String(body.rate)}%` });

export const textToSpeechV3 = defineCreate({
	value: 'textToSpeechV3',
	name: 'Text to Speech (V3)',
	action: 'Turn text into speech with a v3 voice',
	description: legacy('Speak a text with a voice of List Voices (V3)'),
	endpoint: 'voice.textToSpeechV3',
	fields: [
		textField,
		{ name: 'voiceId', akool: 'voice_id', label: 'Voice', type: 'locator', searchListMethod: 'searchVoicesV3', required: true, description: 'A v3 voice' },
		rateField,
	],
	check: percent,
});

export const cloneAndSpeakV3 = defineCreate({
	value: 'cloneAndSpeakV3',
	name: 'Clone and Speak (V3)',
	action: 'Speak a text in the voice of a recording',
	description: legacy('Speak a text in the voice of a recording, in one job'),
	endpoint: 'voice.cloneAndSpeakV3',
	fields: [
		textField,
		{ name: 'voiceUrl', akool: 'voice_url', label: 'Voice Recording URL', type: 'url', required: true, placeholder: 'https://example.com/voice.mp3', description: 'Public link to a recording of the voice to use' },
		rateField,
	],
	check: percent,
});
