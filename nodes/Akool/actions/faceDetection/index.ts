import { defineResource } from '../define';
import { analyzeFrames } from './analyzeFrames.operation';
import { detect } from './detect.operation';

export const resource = defineResource({ value: 'faceDetection', name: 'Face Detection', operations: [detect, analyzeFrames], default: 'detect' });
