import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../../helpers/validation';
import type { Field, Input } from '../define';

/** Fields shared by the Swap Studio V5 operations (names are a contract with saved workflows). */

export function modelField(required: boolean): Field {
	return {
		name: 'modelName',
		akool: 'model_name',
		label: 'Model Name or ID',
		type: 'dynamicOptions',
		loadOptionsMethod: 'getSwapStudioModels',
		required,
		optional: !required,
		description: required
			? 'The model; its resolutions and price show in the list'
			: "The model (Akool's default when empty); its resolutions and price show in the list",
	};
}

export const targetUrlField = (label: string, description: string): Field => ({
	name: 'targetUrl',
	akool: 'target_url',
	label,
	type: 'url',
	required: true,
	placeholder: 'https://example.com/source.mp4',
	description,
});

export const mediaTypeField: Field = {
	name: 'mediaType',
	akool: 'media_type',
	label: 'Media Type',
	type: 'options',
	options: [
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
	default: 'video',
	description: 'Whether the target is a picture or a video',
};

export const analyzeIdField: Field = {
	name: 'analyzeId',
	akool: 'analyze_id',
	label: 'Analysis ID',
	type: 'string',
	required: true,
	placeholder: '{{ $json.jobId }}',
	description: 'The jobId of a finished Swap Studio → Analyze of the same URL',
};

/** People found by the analysis → reference images (`mappings[] {obj_id, img_url}`). */
export function objectMappings(max: number, what: string, show?: Field['show']): Field {
	return {
		name: 'mappings',
		akool: 'mappings',
		label: 'Mappings',
		type: 'list',
		itemLabel: 'Mapping',
		required: true,
		min: 1,
		max,
		show,
		description: `Which detected person gets which ${what} (1–${max}; each Object ID once)`,
		fields: [
			{ name: 'objId', akool: 'obj_id', label: 'Object ID', type: 'number', integer: true, min: 0, default: 0, description: 'The obj_id of a person in the analysis result (result.media)' },
			{ name: 'imageUrl', akool: 'img_url', label: `${what[0].toUpperCase()}${what.slice(1)} Image URL`, type: 'url', required: true, description: `Public link to the ${what} image` },
		],
	};
}

/** Akool wants each detected person at most once. */
export function distinctObjectIds(this: IExecuteFunctions, { i, body }: Input): IDataObject | void {
	const ids = ((body.mappings as IDataObject[] | undefined) ?? []).map((mapping) => mapping.obj_id);
	const twice = ids.find((id, k) => ids.indexOf(id) !== k);
	if (twice !== undefined) throw invalidField(this, i, 'Mappings', `uses Object ID ${String(twice)} twice`, 'Map each detected person once.');
}

export const resolutionOption = (description: string): Field => ({
	name: 'resolution',
	akool: 'resolution',
	label: 'Resolution',
	type: 'string',
	optional: true,
	placeholder: '720p',
	description,
});

export const keepSoundOption: Field = {
	name: 'keepOriginalSound',
	akool: 'keep_original_sound',
	label: 'Keep Original Sound',
	type: 'boolean',
	optional: true,
	default: true,
	description: "Whether the result keeps the source video's sound",
};

export const promptOption: Field = { name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', optional: true, rows: 2, maxLength: 5000, description: 'Optional guidance for the generation' };

export const negativePromptOption: Field = { name: 'negativePrompt', akool: 'negative_prompt', label: 'Negative Prompt', type: 'string', optional: true, maxLength: 2000, description: 'What the result should avoid' };

export const orientationOption: Field = {
	name: 'characterOrientation',
	akool: 'character_orientation',
	label: 'Character Orientation',
	type: 'options',
	optional: true,
	options: [
		{ name: 'Follow the Image', value: 'image' },
		{ name: 'Follow the Video', value: 'video' },
	],
	default: 'video',
	description: 'Kling models: whether the character faces as in the image or as in the video',
};
