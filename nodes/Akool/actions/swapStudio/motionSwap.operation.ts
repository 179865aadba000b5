import { defineCreate } from '../define';
import { keepSoundOption } from '../fields';
import { modelField, negativePromptOption, orientationOption, promptOption, resolutionOption } from './shared';

export const motionSwap = defineCreate({
	value: 'motionSwap',
	name: 'Motion Swap',
	action: 'Animate characters with the motion of a video (V5)',
	description: 'Transfer the movement of one driving video to 1–50 character images: one video (and one output item) per image',
	endpoint: 'swapStudio.motionSwap',
	fields: [
		{ name: 'videoUrl', akool: 'video', label: 'Driving Video URL', type: 'url', required: true, placeholder: 'https://example.com/dance.mp4', description: 'Public link to the video whose motion is copied' },
		{ name: 'imageUrls', akool: 'images', label: 'Character Image URLs', type: 'urlList', required: true, min: 1, max: 50, description: 'Public links to 1–50 character images; each makes its own video' },
		modelField(true),
		resolutionOption('One of the model\'s resolutions, exactly as listed (case matters: Kling "720P", Wan "720p")'),
		{
			name: 'mode',
			akool: 'mode',
			label: 'Mode',
			type: 'options',
			optional: true,
			options: [
				{ name: 'Animate', value: 'animate', description: 'Animate the character with the motion' },
				{ name: 'Replace', value: 'replace', description: 'Put the character into the video' },
			],
			default: 'animate',
			description: 'Wan models only',
		},
		orientationOption,
		promptOption,
		negativePromptOption,
		keepSoundOption,
		{ name: 'duration', akool: 'duration', label: 'Duration (Seconds)', type: 'number', optional: true, min: 1, max: 600, default: 10, description: 'Akool measures the driving video itself; this does not trim it' },
	],
});
