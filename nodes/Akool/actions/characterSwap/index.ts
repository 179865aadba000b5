import { defineResource } from '../define';
import { create } from './create.operation';

export const resource = defineResource({ value: 'characterSwap', name: 'Character Swap', operations: [create] });
