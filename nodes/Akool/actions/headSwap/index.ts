import { defineResource } from '../define';
import { analyzeVideo, create } from './operations';

export const resource = defineResource({ value: 'headSwap', name: 'Head Swap (V4)', operations: [analyzeVideo, create], default: 'analyzeVideo' });
