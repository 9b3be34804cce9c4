import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { WebchatError } from './errors';
import { mintToken, verifyToken, type IssuedToken } from './tokens';
import { readVisitorConversation, type VisitorChatRequest } from './visitor-conversation';

/**
 * Renews a visitor's token for the same identity, only while they are still a participant of a
 * conversation that is not closed and began less than `sessionMaxAgeSeconds` ago: an ended chat
 * cannot be reopened with an old token, and no chain of renewals outlives the session.
 *
 * An `inactive` conversation (quiet for its Timers.Inactive period) is renewed within that age:
 * Twilio makes it active again when the visitor writes, which is the point of coming back.
 */
export async function refreshSession(client: Twilio, config: FunctionsConfig, request: VisitorChatRequest, now = new Date()): Promise<IssuedToken> {
  const { identity } = await verifyToken(config, request.token, now);
  const { state, dateCreated } = await readVisitorConversation(client, config, request.conversationSid, identity);
  if (state === 'closed') {
    throw new WebchatError(409, 'CONVERSATION_CLOSED', 'This conversation has ended: start a new chat.');
  }
  if (now.getTime() - dateCreated.getTime() > config.sessionMaxAgeSeconds * 1000) {
    throw new WebchatError(403, 'SESSION_EXPIRED', 'This chat began too long ago to go on: start a new chat.');
  }
  return mintToken(config, identity);
}
