/**
 * Every Akool Open API endpoint (test/reference/akool-api.md §1, rows 1–71, plus Swap Studio V5
 * from docs.akool.com), with the node operation that implements it or why it is out of scope.
 * test/unit/coverage.test.ts checks each implemented entry against the node, the mock and the
 * workflow tests. Poll endpoints are implemented by Job → Get / Wait with the named Job Type.
 */
export interface Endpoint {
	/** Row of the reference's §1 table, or "V5". */
	row: string;
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** `resource.operation` of the Akool node. */
	operation?: string;
	/** For poll endpoints: the Job Type (job table family) that reads them. */
	jobType?: string;
	outOfScope?: 'realtime' | 'deprecated' | 'legacy auth' | 'removed from the docs' | 'legacy page not in the docs navigation';
}

const v5 = (segment: string, feature: string, analysis: boolean): Endpoint[] => [
	{ row: 'V5', method: 'GET', path: `/api/open/v5/${segment}/models`, operation: 'swapStudio.getModels' },
	{ row: 'V5', method: 'POST', path: `/api/open/v5/${segment}/create`, operation: `swapStudio.${feature}` },
	{ row: 'V5', method: 'GET', path: `/api/open/v5/${segment}/task/detail`, operation: 'job.get', jobType: `studio${feature[0].toUpperCase()}${feature.slice(1)}` },
	...(analysis
		? ([
				{ row: 'V5', method: 'POST', path: `/api/open/v5/${segment}/analyze`, operation: 'swapStudio.analyze' },
				{ row: 'V5', method: 'GET', path: `/api/open/v5/${segment}/analyze/detail`, operation: 'job.get', jobType: `studio${feature[0].toUpperCase()}${feature.slice(1)}Analysis` },
			] as Endpoint[])
		: []),
];

export const ENDPOINTS: Endpoint[] = [
	{ row: '1', method: 'POST', path: '/api/open/v3/getToken', outOfScope: 'legacy auth' },
	{ row: '2', method: 'GET', path: '/api/open/v3/faceswap/quota/info', operation: 'account.getCredits' },
	{ row: '3', method: 'POST', path: '/api/open/v3/faceswap/highquality/specifyimage', operation: 'faceSwap.swapImage' },
	{ row: '4', method: 'POST', path: '/api/open/v3/faceswap/highquality/specifyvideo', operation: 'faceSwap.swapVideo' },
	{ row: '5', method: 'POST', path: '/api/open/v4/faceswap/faceswapByImage', operation: 'faceSwap.swapPro' },
	{ row: '6', method: 'POST', path: '/api/open/v4/faceswap/faceswapPlusByImage', operation: 'faceSwap.swapPlus' },
	{ row: '7', method: 'GET', path: '/api/open/v3/faceswap/result/listbyids', operation: 'faceSwap.getResults', jobType: 'faceSwap' },
	{ row: '8', method: 'POST', path: '/api/open/v3/faceswap/result/delbyids', operation: 'faceSwap.deleteResults' },
	{ row: '9', method: 'POST', path: '/api/open/v3/faceswap/job/del', operation: 'faceSwap.cancel' },
	{ row: '10', method: 'POST', path: 'https://sg3.akool.com/detect', outOfScope: 'deprecated' },
	{ row: '11', method: 'POST', path: '/interface/detect-api/detect_faces', operation: 'faceDetection.detect' },
	{ row: '12', method: 'POST', path: '/interface/detect-api/faceswap/analyze_frames', operation: 'faceDetection.analyzeFrames' },
	{ row: '13', method: 'POST', path: '/api/open/v3/faceswap/highquality/imgreage', operation: 'reage.image' },
	{ row: '14', method: 'POST', path: '/api/open/v3/faceswap/highquality/vidreage', operation: 'reage.video' },
	{ row: '15', method: 'POST', path: '/api/open/v3/content/video/createbytalkingphoto', operation: 'talkingPhoto.create' },
	{ row: '16', method: 'GET', path: '/api/open/v3/content/video/infobymodelid', operation: 'job.get', jobType: 'video' },
	{ row: '17', method: 'POST', path: '/api/open/v3/content/video/createbytranslate', operation: 'videoTranslation.create' },
	{ row: '18', method: 'GET', path: '/api/open/v3/language/list', operation: 'videoTranslation.listLanguages' },
	{ row: '19', method: 'GET', path: '/api/open/v4/voice/videoTranslation', outOfScope: 'removed from the docs' },
	{ row: '20', method: 'POST', path: '/api/open/v3/content/video/lipsync', operation: 'lipSync.create' },
	{ row: '21', method: 'GET', path: '/api/open/v3/avatar/list', operation: 'talkingAvatar.listAvatars' },
	{ row: '22', method: 'GET', path: '/api/open/v3/avatar/detail', operation: 'talkingAvatar.getAvatar', jobType: 'avatar' },
	{ row: '23', method: 'POST', path: '/api/open/v3/avatar/create', operation: 'talkingAvatar.uploadAvatar' },
	{ row: '24', method: 'POST', path: '/api/open/v3/talkingavatar/create', operation: 'talkingAvatar.createVideo' },
	{ row: '25', method: 'POST', path: '/api/open/v3/avatar/createVideo', outOfScope: 'legacy page not in the docs navigation' },
	{ row: '26', method: 'GET', path: '/api/open/v3/voice/list', operation: 'voice.listVoicesV3' },
	{ row: '27', method: 'POST', path: '/api/open/v3/audio/create', operation: 'voice.textToSpeechV3' },
	{ row: '28', method: 'POST', path: '/api/open/v3/audio/clone', operation: 'voice.cloneAndSpeakV3' },
	{ row: '29', method: 'GET', path: '/api/open/v3/audio/infobymodelid', operation: 'job.get', jobType: 'audio' },
	{ row: '30', method: 'POST', path: '/api/open/v4/voice/clone', operation: 'voice.cloneVoice' },
	{ row: '31', method: 'POST', path: '/api/open/v4/voice/tts', operation: 'voice.textToSpeech' },
	{ row: '32', method: 'POST', path: '/api/open/v4/voice/change', operation: 'voice.changeVoice' },
	{ row: '33', method: 'GET', path: '/api/open/v4/voice/resource/list', operation: 'voice.listResults' },
	{ row: '34', method: 'POST', path: '/api/open/v4/voice/del', operation: 'voice.deleteVoices' },
	{ row: '35', method: 'GET', path: '/api/open/v4/voice/list', operation: 'voice.listVoices' },
	{ row: '36', method: 'GET', path: '/api/open/v4/voice/detail/{_id}', operation: 'voice.getVoice', jobType: 'voiceClone' },
	{ row: '37', method: 'GET', path: '/api/open/v4/voice/resource/detail/{_id}', operation: 'voice.getResult', jobType: 'voiceResult' },
	{ row: '38', method: 'POST', path: '/api/open/v3/content/image/createbyprompt', operation: 'image.generate' },
	{ row: '39', method: 'POST', path: '/api/open/v3/content/image/createbybutton', operation: 'image.upscaleOrVary' },
	{ row: '40', method: 'GET', path: '/api/open/v3/content/image/infobymodelid', operation: 'job.get', jobType: 'image' },
	{ row: '41', method: 'POST', path: '/api/open/v4/content/image/createBySourcePrompt', operation: 'image.generateV4' },
	{ row: '42', method: 'GET', path: '/api/open/v4/aigModel/list', operation: 'imageToVideo.listModels' },
	{ row: '43', method: 'POST', path: '/api/open/v4/image2Video/createBySourcePrompt', operation: 'imageToVideo.create' },
	{ row: '44', method: 'POST', path: '/api/open/v4/image2Video/createBySourcePrompt/batch', operation: 'imageToVideo.createBatch' },
	{ row: '45', method: 'POST', path: '/api/open/v4/image2Video/resultsByIds', operation: 'job.get', jobType: 'imageToVideo' },
	{ row: '46', method: 'GET', path: '/api/open/v4/image2Video/effects', operation: 'imageToVideo.listEffects' },
	{ row: '47', method: 'POST', path: '/api/open/v4/image2Video/updateVideoAudio', operation: 'imageToVideo.updateAudio' },
	{ row: '48', method: 'POST', path: '/api/open/v4/image2Video/delbyids', operation: 'imageToVideo.deleteVideos' },
	{ row: '49', method: 'POST', path: '/api/open/v4/text2Video/createByPrompt/batch', operation: 'textToVideo.create' },
	{ row: '50', method: 'POST', path: '/api/open/v4/characterSwap/create', operation: 'characterSwap.create' },
	{ row: '51', method: 'POST', path: '/api/open/v4/headswap/analyze', operation: 'headSwap.analyzeVideo' },
	{ row: '52', method: 'GET', path: '/api/open/v4/headswap/analyze/detail', operation: 'job.get', jobType: 'headSwapAnalysisV4' },
	{ row: '53', method: 'POST', path: '/api/open/v4/headswap/task/create', operation: 'headSwap.create' },
	{ row: '54', method: 'GET', path: '/api/open/v4/headswap/task/detail', operation: 'job.get', jobType: 'headSwapV4' },
	{ row: '55', method: 'POST', path: '/api/open/v3/content/analysis/sentiment', operation: 'moderation.analyze' },
	{ row: '56', method: 'GET', path: '/api/open/v3/content/analysis/infobyid', operation: 'job.get', jobType: 'moderation' },
	{ row: '57', method: 'POST', path: '/api/open/v3/content/image/bg/replace', outOfScope: 'deprecated' },
	{ row: '58', method: 'GET', path: '/api/open/v4/knowledge/list', operation: 'knowledgeBase.getMany' },
	{ row: '59', method: 'POST', path: '/api/open/v4/knowledge/create', operation: 'knowledgeBase.create' },
	{ row: '60', method: 'GET', path: '/api/open/v4/knowledge/detail', operation: 'knowledgeBase.get' },
	{ row: '61', method: 'POST', path: '/api/open/v4/knowledge/update', operation: 'knowledgeBase.update' },
	{ row: '62', method: 'DELETE', path: '/api/open/v4/knowledge/delete', operation: 'knowledgeBase.delete' },
	{ row: '63', method: 'GET', path: '/api/open/v4/liveAvatar/avatar/list', outOfScope: 'realtime' },
	{ row: '64', method: 'GET', path: '/api/open/v4/liveAvatar/avatar/detail', outOfScope: 'realtime' },
	{ row: '65', method: 'POST', path: '/api/open/v4/liveAvatar/session/create', outOfScope: 'realtime' },
	{ row: '66', method: 'GET', path: '/api/open/v4/liveAvatar/session/detail', outOfScope: 'realtime' },
	{ row: '67', method: 'POST', path: '/api/open/v4/liveAvatar/session/close', outOfScope: 'realtime' },
	{ row: '68', method: 'GET', path: '/api/open/v4/liveAvatar/session/list', outOfScope: 'realtime' },
	{ row: '69', method: 'POST', path: '/api/open/v3/faceswap/live/create', outOfScope: 'realtime' },
	{ row: '70', method: 'POST', path: '/api/open/v3/faceswap/live/update', outOfScope: 'realtime' },
	{ row: '71', method: 'POST', path: '/api/open/v3/faceswap/live/close', outOfScope: 'realtime' },
	...v5('characterSwap', 'characterSwap', true),
	...v5('motionSwap', 'motionSwap', false),
	...v5('headswap', 'headSwap', true),
	...v5('hairswap', 'hairSwap', false),
	...v5('clothingSwap', 'clothingSwap', true),
];
