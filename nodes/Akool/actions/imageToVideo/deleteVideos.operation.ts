import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import { getIdList } from '../../helpers/validation';
import type { PreparedRun } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Video IDs',
		name: 'videoIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6593c94c0ef703e8c055e3c8, 6593c94c0ef703e8c055e3c9',
		description: 'Job IDs of the image-to-video videos to delete, separated by commas. Deleting cannot be undone.',
	},
];

const displayOptions = { show: { resource: ['imageToVideo'], operation: ['deleteVideos'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const ids = getIdList.call(this, 'videoIds', i, 'Video IDs');
	return {
		run: async () => {
			const data = (await akoolApiRequest.call(this, {
				method: 'POST',
				endpoint: '/api/open/v4/image2Video/delbyids',
				body: { _ids: ids.join(',') },
				itemIndex: i,
			})) as IDataObject | undefined;
			return [
				{
					json: {
						deletedIds: (data?.successIds as string[] | undefined) ?? [],
						// Akool lists videos it could not delete (e.g. still processing) with a reason.
						notDeleted: (data?.noPermissionItems as IDataObject[] | undefined) ?? [],
					},
					pairedItem: { item: i },
				},
			];
		},
	};
}
