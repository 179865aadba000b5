import type { IDataObject } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import { defineAction } from '../define';

export const deleteVideos = defineAction({
	value: 'deleteVideos',
	name: 'Delete',
	action: 'Delete image to video videos',
	description: 'Permanently delete image-to-video results by job ID (cannot be undone)',
	fields: [
		{ name: 'videoIds', akool: '_ids', label: 'Video IDs', type: 'idList', required: true, placeholder: '6593c94c0ef703e8c055e3c8, 6593c94c0ef703e8c055e3c9', description: 'Job IDs of the image-to-video videos to delete, separated by commas. Deleting cannot be undone.' },
	],
	async run({ i, body }) {
		const data = (await akoolApiRequest.call(this, { method: 'POST', endpoint: '/api/open/v4/image2Video/delbyids', body, itemIndex: i })) as IDataObject | undefined;
		return {
			deletedIds: (data?.successIds as string[] | undefined) ?? [],
			// Akool lists videos it could not delete (e.g. still processing) with a reason.
			notDeleted: (data?.noPermissionItems as IDataObject[] | undefined) ?? [],
		};
	},
});
