import { defineResource } from '../define';
import { generate, generateV4, upscaleOrVary } from './generate.operation';

export const resource = defineResource({ value: 'image', name: 'Image', operations: [generate, upscaleOrVary, generateV4], default: 'generate' });
