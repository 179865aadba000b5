import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { downloadToBinary } from '../../helpers/binary';
import { readDownloadLimits } from '../../helpers/completion';
import { getString, getUrl, invalidField } from '../../helpers/validation';
import { binaryPropertyField, byName, downloadOptions } from '../common.descriptions';
import { toolDescriptionProperty } from '../define';
import type { Operation, PreparedRun } from '../types';

const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	description: 'Name for the downloaded file. By default the name in the URL is used.',
};

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Download an Akool result file. Needs: URL (a resultUrl from an earlier answer). Returns the file\'s name, type and size; free. An agent usually needs only the resultUrl itself, not this.',
	),
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		// The previous Akool node's result link (Return As "URL"), ready to chain.
		default: '={{ $json.resultUrl }}',
		placeholder: 'https://....cloudfront.net/result.mp4',
		description: 'The result link of a finished job (http or https): by default the "resultUrl" of the previous Akool node. Akool keeps results for 7 days.',
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
	const url = getUrl.call(this, 'url', i, 'URL', { required: false });
	if (url === '') {
		throw invalidField(this, i, 'URL', 'is empty (the input item has no "resultUrl")', 'By default it is the "resultUrl" of the input item: put this node after an Akool node whose Return As is "URL" or "Binary File and URL", or enter a link.');
	}
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
