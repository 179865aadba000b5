import type { IDataObject } from 'n8n-workflow';

import { invalidField } from '../../helpers/validation';
import { defineCreate } from '../define';
import type { Field } from '../define';

const STYLES = ['affectionate', 'angry', 'calm', 'cheerful', 'depressed', 'disgruntled', 'embarrassed', 'empathetic', 'excited', 'fearful', 'friendly', 'unfriendly', 'sad', 'serious', 'relaxed', 'professional'];

const wordPairs = (name: string, label: string, description: string): Field => ({
		name,
		label,
		type: 'list',
		itemLabel: 'Word',
		optional: true,
		max: 100,
		description,
		fields: [
			{ name: 'word', akool: 'word', label: 'Word', type: 'string', required: true, maxLength: 200 },
			{ name: 'as', akool: 'as', label: 'Becomes', type: 'string', required: true, maxLength: 200 },
		],
	});

const CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$/;

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Translate a video',
	description: 'Dub a video into one or several languages (optionally lip-synced): one job and one output item per language',
	endpoint: 'videoTranslation.create',
	fields: [
		{ name: 'url', akool: 'url', label: 'Video URL', type: 'url', maxMb: 300, required: true, placeholder: 'https://example.com/talk.mp4', description: 'Public link to the video: up to 60 s, 300 MB and 30 fps, with speech' },
		{ name: 'language', label: 'Target Language', type: 'locator', searchListMethod: 'searchLanguages', required: true, idPlaceholder: 'ja', description: 'The language to translate into' },
		{ name: 'moreLanguages', label: 'More Target Languages', type: 'dynamicMultiOptions', optional: true, loadOptionsMethod: 'getLanguages', max: 50, description: 'Further languages; each makes its own job and output item' },
		{ name: 'sourceLanguage', akool: 'source_language', label: 'Source Language', type: 'string', optional: true, maxLength: 30, default: 'DEFAULT', description: 'The language spoken in the video; DEFAULT detects it' },
		{ name: 'lipsync', akool: 'lipsync', label: 'Lip Sync', type: 'boolean', optional: true, default: false, description: 'Whether to move the lips to the new speech' },
		{ name: 'speakerNum', akool: 'speaker_num', label: 'Number of Speakers', type: 'number', optional: true, integer: true, min: 0, max: 100, default: 0, description: '0 detects it' },
		{ name: 'removeBgm', akool: 'remove_bgm', label: 'Remove Background Music', type: 'boolean', optional: true, default: false },
		{
			name: 'captionType',
			akool: 'caption_type',
			label: 'Captions',
			type: 'options',
			optional: true,
			options: [
				{ name: 'None', value: 0 },
				{ name: 'Add Original Subtitles', value: 1 },
				{ name: 'Add Target Subtitles', value: 2 },
				{ name: 'Translate and Replace Original Subtitles', value: 3 },
				{ name: 'Add Translated Subtitles', value: 4 },
			],
			default: 0,
		},
		{ name: 'captionUrl', akool: 'caption_url', label: 'Caption File URL', type: 'url', optional: true, description: 'Public link to an SRT or ASS file' },
		{ name: 'dynamicDuration', akool: 'dynamic_duration', label: 'Dynamic Duration', type: 'boolean', optional: true, default: false, description: 'Whether the video may get longer or shorter to fit the new speech' },
		{ name: 'style', akool: 'studio_voice.style', label: 'Voice Style', type: 'options', optional: true, options: STYLES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value })), default: 'professional' },
		{ name: 'noTranslateWords', label: 'Words Not to Translate', type: 'string', optional: true, maxLength: 5000, placeholder: 'Akool, n8n', description: 'Separated by commas' },
		wordPairs('fixedWords', 'Fixed Translations', 'Words with the translation to use'),
		wordPairs('pronouncedWords', 'Pronunciations', 'Words with how to pronounce them'),
	],
	check({ i, values, body }) {
		const languages = [values.language as string, ...((values.moreLanguages as string[] | undefined) ?? [])].map((code) => code.trim()).filter(Boolean);
		const bad = languages.find((code) => !CODE.test(code));
		if (bad) throw invalidField(this, i, 'More Target Languages', `contains "${bad.slice(0, 30)}", which is not a language code`, 'Use codes of List Languages, e.g. ja, fr, zh-CN.');
		const pairs = (list: unknown) => Object.fromEntries(((list as IDataObject[] | undefined) ?? []).map((pair) => [String(pair.word), String(pair.as)]));
		const studio: IDataObject = { ...((body.studio_voice as IDataObject | undefined) ?? {}) };
		if (values.noTranslateWords) studio.no_translate_words = String(values.noTranslateWords).split(',').map((word) => word.trim()).filter(Boolean);
		if (values.fixedWords) studio.fixed_words = pairs(values.fixedWords);
		if (values.pronouncedWords) studio.pronounced_words = pairs(values.pronouncedWords);
		return { ...body, language: [...new Set(languages)].join(','), ...(Object.keys(studio).length ? { studio_voice: studio } : {}) };
	},
	// Akool documents `language` as a comma list of codes, but not how many job ids it answers for one
	// (akool-api.md §4.6; `all_results` was in the docs Sep–Nov 2025 only, §10 Q5): a job it made but did
	// not name would be paid and lost. So one request per language: each job id is known to belong to
	// its language (one job and one output item per language, `language` in each output).
	split: (body) => {
		const codes = [...new Set(String(body.language ?? '').split(',').map((code) => code.trim()).filter(Boolean))];
		return codes.length ? codes.map((language) => ({ body: { ...body, language }, output: { language } })) : [{ body }];
	},
});
