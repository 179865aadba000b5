import type { Field } from './define';

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
