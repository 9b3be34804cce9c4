/**
 * POST /emailTranscript: emails the visitor the transcript of their chat, to the address they gave
 * in the pre-engagement form (never to one from the request).
 *
 * Variables: as refreshToken, plus SENDGRID_API_KEY and TRANSCRIPT_FROM_EMAIL (see .env.example);
 * without them the endpoint answers 404 TRANSCRIPTS_DISABLED.
 * Request: JSON `{token, conversationSid}` from an allowed origin, nothing else; the token's identity
 * must be a participant of the conversation (which may be closed).
 * Answer: 200 `{sent: true, remaining}`, or `{error: {code, message, field?}}`: 409 NO_EMAIL_ADDRESS,
 * 429 TOO_MANY_TRANSCRIPTS after 3 emails of one conversation, 502/504 EMAIL_NOT_SENT.
 */
import type { EmailTranscriptAnswer } from '../contract/api';
import { emailTranscript } from './lib/email-transcript';
import { jsonEndpoint } from './lib/handler';

export const handler = jsonEndpoint<EmailTranscriptAnswer>('emailTranscript', (input) => emailTranscript(input));
