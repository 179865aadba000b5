import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { akoolApiRequest } from '../transport';
import { oncePerRun } from './run';

/**
 * Akool face detection (akool-api.md §4.3 #11, #12): free, answered at once, with its own
 * envelope (`error_code`/`success`, HTTP 400/500), which the transport reads (`envelope: 'detect'`).
 */
export const DETECT_PATH = '/interface/detect-api/detect_faces';
export const ANALYZE_FRAMES_PATH = '/interface/detect-api/faceswap/analyze_frames';

/** One detection per run and request: items that share a picture (a common target) share its answer. */
export async function detectFaces(this: IExecuteFunctions, body: IDataObject, i: number): Promise<IDataObject> {
	return await oncePerRun(this, `detect:${JSON.stringify(body)}`, async () =>
		(await akoolApiRequest.call(this, {
			method: 'POST',
			endpoint: DETECT_PATH,
			body,
			envelope: 'detect',
			idempotent: true,
			itemIndex: i,
		})) as IDataObject,
	);
}

/** A face of a detection answer, as the face swap and reage endpoints take it: `{path, opts}`. */
export interface FaceRef {
	path: string;
	opts: string;
}

/**
 * The face Akool's v3 face swap and reage need for `url` ({path, opts}: a picture of the face and
 * its 4-point landmark string). Images: the picture itself and its `landmarks_str`. Videos: the
 * face crop Akool returns (`face_urls`) and its `crop_landmarks`, from the first frame with a face.
 * Detection is free; a missing face fails here, before the paid create.
 */
export async function faceOf(this: IExecuteFunctions, url: string, label: string, i: number, video = false): Promise<FaceRef> {
	const answer = await detectFaces.call(this, { url, single_face: true, ...(video ? { return_face_url: true, num_frames: 5 } : {}) }, i);
	const frames = (answer.faces_obj ?? {}) as Record<string, IDataObject>;
	for (const key of Object.keys(frames).sort((a, b) => Number(a) - Number(b))) {
		const frame = frames[key] ?? {};
		const landmarks = (video ? frame.crop_landmarks : frame.landmarks_str) as unknown;
		const faceUrls = frame.face_urls as unknown;
		const opts = Array.isArray(landmarks) ? landmarks[0] : undefined;
		const path = video ? (Array.isArray(faceUrls) ? faceUrls[0] : undefined) : url;
		if (typeof opts === 'string' && opts !== '' && typeof path === 'string' && path !== '') return { path, opts };
	}
	throw new NodeOperationError(this.getNode(), `Akool found no face in "${label}"`, {
		itemIndex: i,
		description: 'Use a picture (or video) where one face is clearly visible, at least 80×80 pixels. No job was created.',
	});
}
