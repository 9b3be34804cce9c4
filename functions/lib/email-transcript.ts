/**
 * The emailTranscript core: the visitor's own token proves they are a participant, the Function
 * reads the conversation itself, and the email goes only to the address stored in the
 * conversation's pre-engagement data. The request carries no address at all, so the endpoint
 * cannot be turned into an open relay.
 */
import type { EmailTranscriptAnswer } from '../../contract/api';
import { transcriptHtml, transcriptText } from '../../contract/transcript';
import { TRANSCRIPT_TEXTS } from '../../contract/transcript-texts';
import { readConversationTranscript } from './conversation-transcript';
import { WebchatError } from './errors';
import type { JsonEndpointInput } from './handler';
import { parseVisitorChatRequest } from './visitor-conversation';
import { sendTranscriptEmail } from './send-transcript-email';
import { readTranscriptEmailConfig } from './transcript-email-config';
import { countTranscriptEmail } from './transcript-email-limit';
import { verifyToken } from './tokens';

export async function emailTranscript({ config, env, params, client, deadline }: JsonEndpointInput, now = new Date()): Promise<EmailTranscriptAnswer> {
  // The same two parameters as refreshToken, and nothing else: an address or URL is refused (400).
  const request = parseVisitorChatRequest(params);
  const settings = readTranscriptEmailConfig(env);
  // 404, not 501: a deployment without email simply has no such resource; that is its normal
  // state, not a server failure to alert on. The widget only offers email when webchatConfig says so.
  if (settings === null) throw new WebchatError(404, 'TRANSCRIPTS_DISABLED', 'This chat service does not email transcripts.');
  const { identity } = await verifyToken(config, request.token, now);
  const { email, document } = await readConversationTranscript(client, config, request.conversationSid, identity);
  const remaining = await countTranscriptEmail(client, config, request.conversationSid);
  await sendTranscriptEmail(settings, config.apiBaseUrl, deadline, {
    to: email,
    subject: TRANSCRIPT_TEXTS.emailSubject,
    text: `${TRANSCRIPT_TEXTS.emailIntro}\n\n${transcriptText(document, TRANSCRIPT_TEXTS)}`,
    html: transcriptHtml(document, TRANSCRIPT_TEXTS),
  });
  return { sent: true, remaining };
}
