import { defineResource } from '../define';
import { create, deleteKnowledgeBase, get, getMany, update } from './operations';

export const resource = defineResource({ value: 'knowledgeBase', name: 'Knowledge Base', operations: [create, get, getMany, update, deleteKnowledgeBase], default: 'create' });
