import { defineCreate } from '../define';

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Create a character swap video',
	description: 'Animate a character image with the motion of a video, or put it into the video (v4; see Swap Studio for V5)',
	endpoint: 'characterSwap.create',
	fields: [
		{ name: 'imageUrl', akool: 'image', label: 'Image URL', type: 'url', required: true, placeholder: 'https://example.com/character.png', description: 'Public link to the character image (PNG or JPEG)' },
		{ name: 'videoUrl', akool: 'video', label: 'Video URL', type: 'url', required: true, placeholder: 'https://example.com/motion.mp4', description: 'Public link to the video whose motion is used (MP4)' },
		{
			name: 'mode',
			akool: 'mode',
			label: 'Mode',
			type: 'options',
			options: [
				{ name: 'Animate', value: 'animate', description: "Animate the image with the video's motion" },
				{ name: 'Replace', value: 'replace', description: 'Put the character into the video' },
			],
			default: 'animate',
		},
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			options: ['480p', '720p', '1080p'].map((value) => ({ name: value, value })),
			default: '720p',
			description: 'Output resolution. Akool bills per started 5 seconds: 480p 5, 720p 10, 1080p 15 credits.',
		},
		{ name: 'duration', akool: 'duration', label: 'Duration (Seconds)', type: 'number', optional: true, min: 1, max: 120, default: 10, description: 'Length of the output video, 1–120 seconds. Without it Akool uses the video length.' },
		{ name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', optional: true, rows: 3, maxLength: 500, description: 'Optional guidance for the generation, up to 500 characters' },
		/*
		 * `model_name` is not in Akool's request table: docs commit e0193ab (2026-01-08, "docs: remove model_name
		 * attribute from character swap API documentation") took it out of character-swap/create.mdx, a day after
		 * 6ccd117 had it "true … Model name". The overview (character-swap.mdx) still sends
		 * "wavespeed-ai/wan-2.2/animate" in its examples, the answer still names "Model name used", and the model list
		 * still has type 2101. So the node never sends it by default, only when the user picks a model (an Option);
		 * Akool may ignore it, and the output's `job.model_name` is the model Akool reports.
		 */
		{
			name: 'modelName',
			akool: 'model_name',
			label: 'Model Name or ID',
			type: 'dynamicOptions',
			optional: true,
			loadOptionsMethod: 'getCharacterSwapModels',
			description: 'Character swap model. Not in Akool\'s current request table, so sent only when set here, and Akool may use its own model: the output\'s job.model_name names the one used',
		},
	],
});
