import { defineResource } from '../define';
import { create } from './create.operation';

export const resource = defineResource({ value: 'talkingPhoto', name: 'Talking Photo', operations: [create] });
