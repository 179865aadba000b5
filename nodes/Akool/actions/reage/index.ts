import { defineResource } from '../define';
import { image } from './image.operation';
import { video } from './video.operation';

export const resource = defineResource({ value: 'reage', name: 'Reage', operations: [image, video] });
