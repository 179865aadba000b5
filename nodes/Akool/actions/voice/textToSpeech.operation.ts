import { defineCreate } from '../define';
import { voiceLocator } from '../fields';

const unit = (name: string, akool: string, label: string, description: string) =>
	({ name, akool, label, type: 'number', optional: true, min: 0, max: 1, default: 0.5, description }) as const;

export const textToSpeech = defineCreate({
	value: 'textToSpeech',
	name: 'Text to Speech',
	action: 'Turn text into speech',
	description: 'Speak a text with a VoiceLab voice (yours or Akool\'s); the result is an audio file',
	endpoint: 'voice.textToSpeech',
	fields: [
		{ name: 'text', akool: 'input_text', label: 'Text', type: 'string', rows: 4, required: true, maxLength: 50000, description: 'What to say. Per request Akool allows 5,000 characters on Pro, 10,000 on Pro Max and 50,000 on Business.' },
		voiceLocator,
		{ name: 'languageCode', akool: 'language_code', label: 'Language Code', type: 'string', optional: true, maxLength: 10, placeholder: 'en', description: 'ISO 639-1 hint for the pronunciation (not a translation)' },
		{ name: 'speed', akool: 'voice_options.speed', label: 'Speed', type: 'number', optional: true, min: 0.7, max: 1.2, default: 1, description: '0.7 (slower) to 1.2 (faster)' },
		unit('stability', 'voice_options.stability', 'Stability', 'Multilingual 1: 0–1, higher is more even'),
		unit('similarityBoost', 'voice_options.similarity_boost', 'Similarity Boost', 'Multilingual 1: 0–1, closeness to the original voice'),
		unit('style', 'voice_options.style', 'Style Exaggeration', 'Multilingual 1/2: 0–1'),
		{ name: 'volume', akool: 'voice_options.volume', label: 'Volume', type: 'number', optional: true, integer: true, min: 0, max: 100, default: 50, description: 'Multilingual 2/3: 0–100' },
		{
			name: 'emotion',
			akool: 'voice_options.emotion',
			label: 'Emotion',
			type: 'options',
			optional: true,
			options: ['happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised', 'neutral'].map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })),
			default: 'neutral',
			description: 'Multilingual 2/3 (Chinese voices)',
		},
		/*
		 * voiceLab.mdx "Create Text to Speech": the request table lists `- pitch` (Integer, −12…12, Multilingual 3)
		 * among extra_options' fields (after `- subtitle_enable`); the page's example sends `"pitch": -5` top-level,
		 * a key the table does not list (both added by docs commit 4916347, 2025-09-16; akool-api.md §10 Q9). The
		 * table is the contract: extra_options.pitch, merged key by key with extra_options from Additional Body Fields.
		 */
		{ name: 'pitch', akool: 'extra_options.pitch', label: 'Pitch', type: 'number', optional: true, integer: true, min: -12, max: 12, default: 0, description: 'Multilingual 3: −12 to 12 semitones' },
	],
});
