import { defineResource } from '../define';
import { analyze } from './analyze.operation';

export const resource = defineResource({ value: 'moderation', name: 'Moderation', operations: [analyze] });
