import { defineResource } from '../define';
import { create } from './create.operation';
import { createBatch } from './createBatch.operation';
import { deleteVideos } from './deleteVideos.operation';
import { listEffects } from './listEffects.operation';
import { listModels } from './listModels.operation';
import { updateAudio } from './updateAudio.operation';

export const resource = defineResource({
	value: 'imageToVideo',
	name: 'Image to Video',
	operations: [create, createBatch, deleteVideos, listEffects, listModels, updateAudio],
	default: 'create',
});
