import { reage } from './shared';

export const image = reage('image');
