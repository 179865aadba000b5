import { defineResource } from '../define';
import { cancel } from './cancel.operation';
import { deleteResults } from './deleteResults.operation';
import { getResults } from './getResults.operation';
import { swapImage } from './swapImage.operation';
import { swapPlus } from './swapPlus.operation';
import { swapPro } from './swapPro.operation';
import { swapVideo } from './swapVideo.operation';

export const resource = defineResource({
	value: 'faceSwap',
	name: 'Face Swap',
	operations: [swapImage, swapVideo, swapPro, swapPlus, getResults, deleteResults, cancel],
	default: 'swapPlus',
});
