import { v3Swap } from './shared';

export const swapImage = v3Swap('image');
