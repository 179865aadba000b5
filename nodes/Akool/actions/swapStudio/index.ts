import { defineResource } from '../define';
import { analyze } from './analyze.operation';
import { characterSwap } from './characterSwap.operation';
import { clothingSwap } from './clothingSwap.operation';
import { getModels } from './getModels.operation';
import { hairSwap } from './hairSwap.operation';
import { headSwap } from './headSwap.operation';
import { motionSwap } from './motionSwap.operation';

export const resource = defineResource({
	value: 'swapStudio',
	name: 'Swap Studio',
	operations: [characterSwap, motionSwap, headSwap, hairSwap, clothingSwap, analyze, getModels],
	default: 'characterSwap',
});
