import * as v from 'valibot';
import { Url } from './common';

/** A voice recording the conversation's call produced (Kustomer Voice). */
export const VoiceRecordingCreate = v.strictObject({
  durationSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400)),
  recordingUrl: Url,
});
