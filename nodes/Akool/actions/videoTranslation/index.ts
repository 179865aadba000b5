import { defineResource } from '../define';
import { create } from './create.operation';
import { listLanguages } from './listLanguages.operation';

export const resource = defineResource({ value: 'videoTranslation', name: 'Video Translation', operations: [create, listLanguages] });
