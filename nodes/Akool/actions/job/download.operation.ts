import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { downloadToBinary } from '../../helpers/binary';
import { readDownloadLimits } from '../../helpers/completion';
import { getString, getUrl } from '../../helpers/validation';
import { binaryPropertyField, byName, downloadOptions } from '../common.descriptions';
import type { Operation, PreparedRun } from '../types';

const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	description: 'Name for the downloaded file. By default the name in the URL is used.',
};

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://....cloudfront.net/result.mp4',
		description: 'The result link of a finished job (http or https). Akool keeps results for 7 days.',
	},
	{ ...binaryPropertyField, displayOptions: undefined },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [fileNameOption, ...downloadOptions].sort(byName),
	},
];

async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	const url = getUrl.call(this, 'url', i, 'URL');
	const binaryProperty = getString.call(this, 'binaryPropertyOutput', i, 'Put Output in Field', { required: true });
	const fileName = getString.call(this, 'options.fileName', i, 'File Name', { maxLength: 255 });
	const limits = readDownloadLimits.call(this, i);
	return {
		run: async () => {
			const binary = await downloadToBinary.call(this, url, {
				...limits,
				itemIndex: i,
				fileName,
				fallbackBase: 'akool-result',
				fallbackExtension: 'bin',
			});
			return [
				{
					json: { url, fileName: binary.fileName, mimeType: binary.mimeType, fileSize: binary.fileSize },
					binary: { [binaryProperty]: binary },
					pairedItem: { item: i },
				},
			];
		},
	};
}

export const download: Operation = {
	option: { name: 'Download', value: 'download', action: 'Download a job result', description: 'Download a result URL into a binary file' },
	properties,
	prepare,
};
