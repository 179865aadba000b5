import { defineCreate } from '../define';
import { voiceLocator } from '../fields';
import { sourceVoiceFileField } from './shared';

export const changeVoice = defineCreate({
	value: 'changeVoice',
	name: 'Change Voice',
	action: 'Change the voice of a recording',
	description: 'Make a recording sound like another voice (VoiceLab, Multilingual 1)',
	endpoint: 'voice.changeVoice',
	fields: [
		{ ...sourceVoiceFileField, maxMb: 50, description: 'Public link to the recording (up to 50 MB)' },
		voiceLocator,
		{
			name: 'fileFormat',
			akool: 'voice_options.file_format',
			label: 'File Format',
			type: 'options',
			optional: true,
			options: [
				{ name: 'MP3', value: 'mp3' },
				{ name: 'WAV', value: 'wav' },
			],
			default: 'mp3',
		},
		{ name: 'speed', akool: 'voice_options.speed', label: 'Speed', type: 'number', optional: true, min: 0.7, max: 1.2, default: 1 },
		{ name: 'removeBackgroundNoise', akool: 'voice_options.remove_background_noise', label: 'Remove Background Noise', type: 'boolean', optional: true, default: false, description: 'Whether to clean the recording first' },
	],
});
