import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../helpers/validation';
import type { Field, Input } from './define';

/** Field declarations more than one resource uses. */

/** A VoiceLab voice (yours or Akool's), picked from a searchable list or given by ID. */
export const voiceLocator: Field = {
	name: 'voiceId',
	akool: 'voice_id',
	label: 'Voice',
	type: 'locator',
	searchListMethod: 'searchVoices',
	required: true,
	idPlaceholder: 'Xb7hH8MSUJpSbSDYk0k2',
	description: 'The voice: your clones and Akool voices (search by name)',
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

export const keepSoundOption: Field = {
	name: 'keepOriginalSound',
	akool: 'keep_original_sound',
	label: 'Keep Original Sound',
	type: 'boolean',
	optional: true,
	default: true,
	description: "Whether the result keeps the source video's sound",
};

