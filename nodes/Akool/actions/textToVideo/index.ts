import { defineResource } from '../define';
import { create } from './create.operation';

export const resource = defineResource({ value: 'textToVideo', name: 'Text to Video', operations: [create] });
