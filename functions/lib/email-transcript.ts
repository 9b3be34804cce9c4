/**
 * The emailTranscript core. The visitor's own token proves they are a participant; the Function
 * reads the conversation itself, and the email goes only to the address in the conversation's
 * pre-engagement data (the request carries none). That address was typed by an anonymous caller,
 * so the transcript (which holds the caller's text) goes to it only once it is proven theirs
 * (verified-emails.ts): until then the request emails a one-time code of fixed text instead, and a
 * second request that carries the code proves the address and sends the transcript.
 */
import type { EmailTranscriptAnswer } from '../../contract/api';
import { transcriptHtml, transcriptText } from '../../contract/transcript';
import { TRANSCRIPT_TEXTS } from '../../contract/transcript-texts';
import { readTranscriptDocument, readVisitorEmail } from './conversation-transcript';
import { codeEmail } from './email-code-message';
import { countEmailCode } from './email-code-limits';
import { CODE_SHAPE, CODE_TTL_SECONDS, storeNewCode, useCode } from './email-codes';
import { invalidField, WebchatError } from './errors';
import type { JsonEndpointInput } from './handler';
import { sendEmail } from './send-email';
import { readTranscriptEmailConfig } from './transcript-email-config';
import { countTranscriptEmail } from './transcript-email-limit';
import { verifyToken } from './tokens';
import { isVerifiedEmail, recordVerifiedEmail } from './verified-emails';
import { parseVisitorChatRequest } from './visitor-conversation';

function parseCode(code: unknown): string | undefined {
  if (code === undefined) return undefined;
  if (typeof code !== 'string' || !CODE_SHAPE.test(code)) throw invalidField('code', 'code must be the 6 digits of the code we emailed.');
  return code;
}

export async function emailTranscript({ config, env, params, client, deadline }: JsonEndpointInput, now = new Date()): Promise<EmailTranscriptAnswer> {
  // The same two parameters as refreshToken, plus the code: an address or URL is refused (400).
  const { code: rawCode, ...chatParams } = params;
  const request = parseVisitorChatRequest(chatParams);
  const code = parseCode(rawCode);
  const settings = readTranscriptEmailConfig(env);
  // 404, not 501: a deployment without email simply has no such resource; that is its normal
  // state, not a server failure to alert on. The widget only offers email when webchatConfig says so.
  if (settings === null) throw new WebchatError(404, 'TRANSCRIPTS_DISABLED', 'This chat service does not email transcripts.');
  const { identity } = await verifyToken(config, request.token, now);
  const address = await readVisitorEmail(client, config, request.conversationSid, identity);
  const sync = client.sync.v1.services(config.syncServiceSid);
  const chat = { apiSecret: config.apiSecret, conversationSid: request.conversationSid, address };
  if (code !== undefined) {
    await useCode(sync, chat, code, now);
    await recordVerifiedEmail(sync, chat);
  } else if (!(await isVerifiedEmail(sync, chat))) {
    await countEmailCode(sync, { ...chat, maxCodesPerHour: settings.maxCodesPerHour }, now);
    const issued = await storeNewCode(sync, chat, now);
    await sendEmail(settings, config.apiBaseUrl, deadline, codeEmail(address, issued.code, CODE_TTL_SECONDS / 60));
    return { sent: 'code', to: address, expiresAt: issued.expiresAt.toISOString() };
  }
  const remaining = await countTranscriptEmail(client, config, request.conversationSid);
  const document = await readTranscriptDocument(client, config, request.conversationSid, identity);
  await sendEmail(settings, config.apiBaseUrl, deadline, {
    to: address,
    subject: TRANSCRIPT_TEXTS.emailSubject,
    text: `${TRANSCRIPT_TEXTS.emailIntro}\n\n${transcriptText(document, TRANSCRIPT_TEXTS)}`,
    html: transcriptHtml(document, TRANSCRIPT_TEXTS),
  });
  return { sent: 'transcript', remaining };
}
