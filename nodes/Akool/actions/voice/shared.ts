import type { Field } from '../define';

export const sourceVoiceFileField: Extract<Field, { type: 'url' }> = {
	name: 'sourceVoiceFileUrl',
	akool: 'source_voice_file',
	label: 'Audio File URL',
	type: 'url',
	required: true,
	placeholder: 'https://example.com/recording.mp3',
};

/** v3 legacy speech rate: a percentage string "0%"…"100%" (akool-api.md §4.9). */
export const rateField: Field = {
	name: 'rate',
	akool: 'rate',
	label: 'Speed (%)',
	type: 'number',
	integer: true,
	min: 0,
	max: 100,
	default: 100,
	description: 'Speaking rate, 0–100 %',
};

export const legacy = (text: string) => `${text} (legacy v3 API; VoiceLab is its successor)`;
