/**
 * POST /visitorTranscript: one of a signed-in visitor's chats, open or ended, as a transcript.
 *
 * Variables: as visitorChats.
 * Request: JSON `{identityToken, conversationSid}` from an allowed origin; the chat must be that visitor's.
 * Answer: 200 `{transcript: {lang, subtitle, lines: [{name, time, isoTime, body, files}]}}` (times in
 * UTC), or `{error: {code, message, field?}}`.
 */
import type { VisitorTranscriptAnswer } from '../contract/api';
import { jsonEndpoint } from './lib/handler';
import { visitorTranscript } from './lib/visitor-history';

export const handler = jsonEndpoint<VisitorTranscriptAnswer>('visitorTranscript', ({ config, env, params, client }) => visitorTranscript(client, config, env, params));
