/**
 * POST /emailTranscript: emails the visitor the transcript of their chat, to the address they gave
 * in the pre-engagement form (never to one from the request), once that address is proven theirs.
 *
 * Variables: as refreshToken, plus SENDGRID_API_KEY and TRANSCRIPT_FROM_EMAIL (see .env.example);
 * without them the endpoint answers 404 TRANSCRIPTS_DISABLED. MAX_EMAIL_CODES_PER_HOUR (default 100).
 * Request: JSON `{token, conversationSid, code?}` from an allowed origin, nothing else; the token's
 * identity must be a participant of the conversation (which may be closed).
 * Answer: 200 `{sent: 'transcript', remaining}` when the address is proven (by a code earlier in this
 * chat, or by `code` now); else a code of fixed text is emailed to it: 200 `{sent: 'code', to, expiresAt}`.
 * Or `{error: {code, message, field?}}`: 403 EMAIL_CODE_WRONG, 410 EMAIL_CODE_EXPIRED, 409
 * NO_EMAIL_ADDRESS, 429 TOO_MANY_EMAIL_CODES (3 a chat, 5 an address a day, the hour's ceiling),
 * 429 TOO_MANY_TRANSCRIPTS after 3 emails of one conversation, 502/504 EMAIL_NOT_SENT.
 */
import type { EmailTranscriptAnswer } from '../contract/api';
import { emailTranscript } from './lib/email-transcript';
import { jsonEndpoint } from './lib/handler';

export const handler = jsonEndpoint<EmailTranscriptAnswer>('emailTranscript', (input) => emailTranscript(input));
