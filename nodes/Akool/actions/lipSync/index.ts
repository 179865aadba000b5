import { defineResource } from '../define';
import { create } from './create.operation';

export const resource = defineResource({ value: 'lipSync', name: 'Lip Sync', operations: [create] });
