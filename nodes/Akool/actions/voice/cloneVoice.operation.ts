import { defineCreate } from '../define';
import { sourceVoiceFileField } from './shared';

export const cloneVoice = defineCreate({
	value: 'cloneVoice',
	name: 'Clone Voice',
	action: 'Clone a voice from a recording',
	description: 'Make a new VoiceLab voice from a recording; the result is its voice ID (plus a preview) for Text to Speech',
	endpoint: 'voice.cloneVoice',
	fields: [
		{ ...sourceVoiceFileField, media: ['audio', 'video'], maxMb: 30, description: 'Public link to a clear recording of the voice (MP3, WAV or MP4, up to 30 MB)' },
		{ name: 'name', akool: 'name', label: 'Voice Name', type: 'string', optional: true, maxLength: 100 },
		{
			name: 'voiceModelName',
			akool: 'voice_model_name',
			label: 'Voice Model',
			type: 'options',
			optional: true,
			options: [
				{ name: 'Akool Multilingual 1', value: 'Akool Multilingual 1', description: 'English and Western languages' },
				{ name: 'Akool Multilingual 3', value: 'Akool Multilingual 3', description: 'Chinese, Cantonese, Japanese, Korean and Western languages' },
				{ name: 'Akool Multilingual 4', value: 'Akool Multilingual 4', description: 'Brazilian Portuguese' },
			],
			default: 'Akool Multilingual 1',
		},
		{ name: 'language', akool: 'voice_options.language', label: 'Language', type: 'string', optional: true, maxLength: 10, placeholder: 'en', description: 'ISO 639-1 code of the recording' },
		{ name: 'removeBackgroundNoise', akool: 'voice_options.remove_background_noise', label: 'Remove Background Noise', type: 'boolean', optional: true, default: false },
	],
});
