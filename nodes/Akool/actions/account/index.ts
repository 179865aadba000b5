import { defineResource } from '../define';
import { getCredits } from './getCredits.operation';

export const resource = defineResource({ value: 'account', name: 'Account', operations: [getCredits] });
