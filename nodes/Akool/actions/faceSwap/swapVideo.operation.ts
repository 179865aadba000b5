import { v3Swap } from './shared';

export const swapVideo = v3Swap('video');
