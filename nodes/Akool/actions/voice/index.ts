import { defineResource } from '../define';
import { changeVoice } from './changeVoice.operation';
import { cloneVoice } from './cloneVoice.operation';
import { cloneAndSpeakV3, textToSpeechV3 } from './legacy.operation';
import { deleteVoices, getResult, getVoice, listResults, listVoices, listVoicesV3 } from './lists.operation';
import { textToSpeech } from './textToSpeech.operation';

export const resource = defineResource({
	value: 'voice',
	name: 'Voice',
	operations: [textToSpeech, cloneVoice, changeVoice, listVoices, getVoice, listResults, getResult, deleteVoices, textToSpeechV3, cloneAndSpeakV3, listVoicesV3],
	default: 'textToSpeech',
});
