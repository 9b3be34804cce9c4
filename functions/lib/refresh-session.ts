import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { invalidField, invalidRequest, WebchatError } from './errors';
import { mintToken, verifyToken, type IssuedToken } from './tokens';
import { callTwilio, twilioStatus } from './twilio-call';

export interface RefreshRequest {
  token: string;
  conversationSid: string;
}

const CONVERSATION_SID = /^CH[0-9a-f]{32}$/;
/** Twilio tokens with one grant are well under 1 KB; anything near this is not ours. */
const MAX_TOKEN_LENGTH = 4096;

export function parseRefreshRequest(event: Readonly<Record<string, unknown>>): RefreshRequest {
  const unknown = Object.keys(event).find((key) => key !== 'token' && key !== 'conversationSid');
  if (unknown !== undefined) throw invalidRequest(`Unknown parameter "${unknown.slice(0, 40)}": send {"token", "conversationSid"}.`);
  const { token, conversationSid } = event;
  if (typeof token !== 'string' || token.trim() === '') throw invalidField('token', 'token is required.');
  if (token.length > MAX_TOKEN_LENGTH) throw invalidField('token', `token must be at most ${MAX_TOKEN_LENGTH} characters.`);
  if (typeof conversationSid !== 'string' || !CONVERSATION_SID.test(conversationSid)) {
    throw invalidField('conversationSid', 'conversationSid must be a Conversation SID ("CH" followed by 32 hex characters).');
  }
  return { token: token.trim(), conversationSid };
}

/**
 * Renews a visitor's token for the same identity, only while they are still a participant of a
 * conversation that is not closed and began less than `sessionMaxAgeSeconds` ago: an ended chat
 * cannot be reopened with an old token, and no chain of renewals outlives the session.
 *
 * An `inactive` conversation (quiet for its Timers.Inactive period) is renewed within that age:
 * Twilio makes it active again when the visitor writes, which is the point of coming back.
 */
export async function refreshSession(client: Twilio, config: FunctionsConfig, request: RefreshRequest, now = new Date()): Promise<IssuedToken> {
  const { identity } = await verifyToken(config, request.token, now);
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(request.conversationSid);
  let state: string;
  let dateCreated: Date;
  let participants: { identity: string | null }[];
  try {
    [{ state, dateCreated }, participants] = await Promise.all([
      callTwilio('fetch conversation', () => conversation.fetch()),
      callTwilio('list participants', () => conversation.participants.list({ pageSize: 100 })),
    ]);
  } catch (error) {
    if (twilioStatus(error) === 404) {
      throw new WebchatError(404, 'CONVERSATION_NOT_FOUND', 'This conversation does not exist any more: start a new chat.');
    }
    throw error;
  }
  if (state === 'closed') {
    throw new WebchatError(409, 'CONVERSATION_CLOSED', 'This conversation has ended: start a new chat.');
  }
  if (!participants.some((participant) => participant.identity === identity)) {
    throw new WebchatError(403, 'NOT_A_PARTICIPANT', 'This token does not belong to a participant of this conversation.');
  }
  if (now.getTime() - dateCreated.getTime() > config.sessionMaxAgeSeconds * 1000) {
    throw new WebchatError(403, 'SESSION_EXPIRED', 'This chat began too long ago to go on: start a new chat.');
  }
  return mintToken(config, identity);
}
