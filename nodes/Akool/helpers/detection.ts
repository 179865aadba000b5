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
 * The face Akool's v3 face swap and reage need for `url` ({path, opts}: a picture of the face and its 4-point
 * landmark string, in that picture's coordinates). Where Akool's pages disagree:
 * - Face crop + crop landmarks: openapi/faceswap.yaml `FaceImageWithOpts.opts` "You can get this value from the
 *   `crop_landmarks` field returned by the Face Detection API"; every v3 example (specifyimage, specifyvideo) and
 *   reage.mdx's example give a `crop_….png` as `path`; face-detection.yaml `crop_landmarks`: "Landmarks relative to
 *   the cropped image … Use this when working with the cropped face image"; reage.mdx: `path` "Links to faces
 *   detected in target images" (its example's opts, "2804,2182:…", look like whole-picture points: it mixes both).
 * - Whole picture + landmarks_str: faceswap/image-faceswap.mdx "Important Notes" and reage.mdx's table take `opts`
 *   from `landmarks_str` of the legacy detect (which returns no crops); Akool's face swap and reage demos send the
 *   whole picture with it.
 * Both pairs are consistent (points of the picture at `path`); the crop is what the current schema and every example
 * show, so the node asks for crops (`return_face_url`) for pictures too, as it always did for videos, and takes the
 * first face's `face_urls` + `crop_landmarks`. A face without a crop (face-detection.yaml makes the entries
 * nullable) falls back, for a picture, to the picture itself + its `landmarks_str`; a video frame without a crop
 * is skipped (a whole video is no face picture). Detection is free; a missing face fails here, before the paid create.
 */
export async function faceOf(this: IExecuteFunctions, url: string, label: string, i: number, video = false): Promise<FaceRef> {
	const answer = await detectFaces.call(this, { url, single_face: true, return_face_url: true, ...(video ? { num_frames: 5 } : {}) }, i);
	const frames = (answer.faces_obj ?? {}) as Record<string, IDataObject>;
	const first = (list: unknown) => (Array.isArray(list) && typeof list[0] === 'string' && list[0] !== '' ? (list[0] as string) : undefined);
	for (const key of Object.keys(frames).sort((a, b) => Number(a) - Number(b))) {
		const frame = frames[key] ?? {};
		const crop = first(frame.face_urls);
		const cropOpts = first(frame.crop_landmarks);
		if (crop && cropOpts) return { path: crop, opts: cropOpts };
		const opts = first(frame.landmarks_str);
		if (!video && opts) return { path: url, opts };
	}
	throw new NodeOperationError(this.getNode(), `Akool found no face in "${label}"`, {
		itemIndex: i,
		description: 'Use a picture (or video) where one face is clearly visible, at least 80×80 pixels. No job was created.',
	});
}
