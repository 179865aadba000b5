import { defineResource } from '../define';
import { getAvatar, listAvatars, uploadAvatar } from './avatars.operation';
import { createVideo } from './createVideo.operation';

export const resource = defineResource({ value: 'talkingAvatar', name: 'Talking Avatar', operations: [createVideo, listAvatars, getAvatar, uploadAvatar], default: 'createVideo' });
