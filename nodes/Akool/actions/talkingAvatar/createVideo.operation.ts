import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fetchPages } from '../../helpers/pagination';
import { oncePerRun } from '../../helpers/run';
import { invalidField } from '../../helpers/validation';
import { defineCreate } from '../define';
import { voiceLocator } from '../fields';

/** Akool's talking-avatar canvas: the docs require exactly 3840 × 2160 (akool-api.md §4.8 #24). */
const CANVAS = { width: 3840, height: 2160 };

/**
 * The avatar list's record of an avatar_id: your uploads (`from=3`) first, then Akool's (`from=2`). Each list is
 * read once per run (free), so many items cost one read of each.
 */
async function listedAvatar(this: IExecuteFunctions, avatarId: string, i: number): Promise<IDataObject | undefined> {
	for (const from of [3, 2]) {
		const avatars = await oncePerRun(this, `avatarList:${from}`, async () =>
			(await fetchPages.call(this, { endpoint: '/api/open/v3/avatar/list', qs: { from }, listAt: '', pageSize: 100 }, { itemIndex: i })).items,
		);
		const avatar = avatars.find((candidate) => candidate.avatar_id === avatarId);
		if (avatar) return { ...avatar, from: typeof avatar.from === 'number' ? avatar.from : from };
	}
	return undefined;
}

export const createVideo = defineCreate({
	value: 'createVideo',
	name: 'Create Video',
	action: 'Create a talking avatar video',
	description: 'An avatar speaks a text (with a voice) or an audio file, over an optional background and images',
	endpoint: 'talkingAvatar.createVideo',
	fields: [
		{
			// Not Akool's avatar_from: for a listed avatar that is the avatar's own `from` (see resolve).
			name: 'avatarFrom',
			label: 'Avatar Source',
			type: 'options',
			options: [
				{ name: 'Akool or Uploaded Avatar', value: 2, description: 'Choose from the avatar list (Akool avatars and yours)' },
				{ name: 'Avatar Video URL', value: 3, description: 'A video of a person that becomes the avatar' },
			],
			default: 2,
		},
		{
			name: 'avatarId',
			label: 'Avatar',
			type: 'locator',
			searchListMethod: 'searchAvatars',
			required: true,
			show: { avatarFrom: [2] },
			idPlaceholder: 'dvp_Tristan_cloth2_1080P',
			description: 'The avatar that speaks: one of Akool\'s or yours (e.g. the result of Upload Avatar)',
		},
		{ name: 'avatarUrl', label: 'Avatar Video URL', type: 'url', required: true, show: { avatarFrom: [3] }, placeholder: 'https://example.com/me.mp4', description: 'Public link to the avatar video (MP4, MOV or AVI)' },
		{
			name: 'speech',
			label: 'Speech',
			type: 'options',
			options: [
				{ name: 'Text and Voice', value: 'text', description: 'Akool speaks the text with a voice' },
				{ name: 'Audio URL', value: 'audio', description: 'An audio file the avatar lip-syncs to' },
			],
			default: 'text',
		},
		{
			name: 'text',
			label: 'Text',
			type: 'string',
			rows: 4,
			maxLength: 50000,
			required: true,
			show: { speech: ['text'] },
			description: 'What the avatar says. Per request Akool allows 5,000 characters on Pro, 10,000 on Pro Max and 50,000 on Business.',
		},
		// The voice goes into the audio element (check), not into the top level of the body.
		{ ...voiceLocator, akool: undefined, show: { speech: ['text'] } },
		{ name: 'audioUrl', label: 'Audio URL', type: 'url', required: true, show: { speech: ['audio'] }, placeholder: 'https://example.com/speech.mp3', description: 'Public link to the speech audio' },
		{
			name: 'images',
			label: 'Images',
			type: 'list',
			itemLabel: 'Image',
			max: 10,
			description: 'Pictures placed on the 3840 × 2160 scene, e.g. a logo',
			fields: [
				{ name: 'url', akool: 'url', label: 'Image URL', type: 'url', required: true, description: 'PNG, JPG, JPEG or WEBP' },
				{ name: 'scale', akool: 'scale_x', label: 'Scale', type: 'number', min: 0.01, max: 100, default: 1 },
				{ name: 'offsetX', akool: 'offset_x', label: 'Offset X (Pixels)', type: 'number', integer: true, default: 0 },
				{ name: 'offsetY', akool: 'offset_y', label: 'Offset Y (Pixels)', type: 'number', integer: true, default: 0 },
			],
		},
		{ name: 'background', label: 'Background', type: 'string', optional: true, placeholder: 'https://example.com/studio.jpg or #1E90FF', description: 'A picture URL or a colour (#RRGGBB) behind the avatar' },
		{ name: 'avatarScale', label: 'Avatar Scale', type: 'number', optional: true, min: 0.01, max: 100, default: 1, description: 'Size of the avatar on the scene (1 = as is)' },
		{ name: 'avatarOffsetX', label: 'Avatar Offset X (Pixels)', type: 'number', optional: true, integer: true, default: 0 },
		{ name: 'avatarOffsetY', label: 'Avatar Offset Y (Pixels)', type: 'number', optional: true, integer: true, default: 0 },
		// Akool's table: `[elements].width` / `.height` "The width/height of the element", no default; its example
		// gives the avatar element its own 1080 × 1080 on the 3840 × 2160 scene. So they are sent only when set.
		{ name: 'avatarWidth', label: 'Avatar Width (Pixels)', type: 'number', optional: true, integer: true, min: 1, max: 3840, default: 1080, description: 'Width of the avatar element. Without it Akool keeps the avatar\'s own size.' },
		{ name: 'avatarHeight', label: 'Avatar Height (Pixels)', type: 'number', optional: true, integer: true, min: 1, max: 2160, default: 1080, description: 'Height of the avatar element. Without it Akool keeps the avatar\'s own size.' },
	],
	// The scene: background, avatar, images, then the audio element (akool-api.md §4.8 #24).
	check({ i, values, body }) {
		const place = (scale: unknown, x: unknown, y: unknown): IDataObject => ({ scale_x: scale ?? 1, scale_y: scale ?? 1, offset_x: x ?? 0, offset_y: y ?? 0 });
		const elements: IDataObject[] = [];
		const background = values.background as string | undefined;
		if (background) {
			if (!/^#[0-9a-fA-F]{6}$/.test(background) && !/^https?:\/\/\S+$/.test(background)) {
				throw invalidField(this, i, 'Background', `must be a public http(s) picture URL or a colour like #1E90FF, got "${background.slice(0, 40)}"`);
			}
			// A background fills the canvas.
			elements.push({ type: 'image', url: background, ...place(1, 0, 0), ...CANVAS });
		}
		elements.push({
			type: 'avatar',
			...(values.avatarFrom === 2 ? { avatar_id: values.avatarId as string } : { url: values.avatarUrl as string }),
			...place(values.avatarScale, values.avatarOffsetX, values.avatarOffsetY),
			...(values.avatarWidth !== undefined ? { width: values.avatarWidth } : {}),
			...(values.avatarHeight !== undefined ? { height: values.avatarHeight } : {}),
		});
		for (const image of (values.images as IDataObject[] | undefined) ?? []) {
			elements.push({ type: 'image', ...image, scale_y: image.scale_x });
		}
		elements.push(
			values.speech === 'text'
				? { type: 'audio', input_text: values.text as string, voice_id: values.voiceId as string }
				: { type: 'audio', url: values.audioUrl as string },
		);
		// Your own video URL: "If you provide an avatar URL yourself, avatar_from must be 3" (talking-avatar.mdx).
		// A listed avatar's avatar_from is set in resolve.
		return { ...body, ...CANVAS, ...(values.avatarFrom === 2 ? {} : { avatar_from: 3 }), elements };
	},
	/**
	 * avatar_from of a listed avatar. talking-avatar.mdx (Create Talking avatar, `avatar_from` row): "you can get from
	 * [Get TalkingAvatar List] api, you will obtain the field 【from】 and pass it here": 2 for Akool's avatars, 3 for
	 * the ones you uploaded (the `avatar_id` Upload Avatar outputs too). The node used to send 2 for every listed
	 * avatar (review 2026-12 B4). With 3 the avatar element also carries the avatar's video `url`: the `url` row says
	 * only "When avatar_from =2, you don't need to pass this parameter". The list is free and read before any paid
	 * create; an avatar it does not have stops the item here. An avatar_from given in Additional Body Fields wins.
	 */
	async resolve({ i, values, body }) {
		if (values.avatarFrom !== 2) return body;
		const avatarId = values.avatarId as string;
		const avatar = await listedAvatar.call(this, avatarId, i);
		if (!avatar) {
			throw new NodeOperationError(this.getNode(), `Akool's avatar list has no avatar "${avatarId}"`, {
				itemIndex: i,
				description: 'Pick the avatar from the list, or use the avatar_id of List Avatars or of a finished Upload Avatar. No video was created.',
			});
		}
		const own = avatar.from === 3 && typeof avatar.url === 'string' && avatar.url !== '' ? { url: avatar.url } : {};
		const elements = ((body.elements ?? []) as IDataObject[]).map((element) =>
			element.type === 'avatar' && element.avatar_id === avatarId && element.url === undefined ? { ...element, ...own } : element,
		);
		return { ...body, avatar_from: body.avatar_from ?? avatar.from, elements };
	},
});
