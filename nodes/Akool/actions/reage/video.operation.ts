import { reage } from './shared';

export const video = reage('video');
