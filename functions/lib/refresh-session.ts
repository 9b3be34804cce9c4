import type { Twilio } from 'twilio';
import type { WebchatConfig } from './config';
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
  const unknown = Object.keys(event).find((key) => !['token', 'conversationSid', 'request'].includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown parameter "${unknown}": send {"token", "conversationSid"}.`);
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
 * conversation that is not closed: an ended chat cannot be reopened with an old token.
 */
export async function refreshSession(client: Twilio, config: WebchatConfig, request: RefreshRequest): Promise<IssuedToken> {
  const { identity } = await verifyToken(config, request.token);
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(request.conversationSid);
  let state: string;
  let participants: { identity: string | null }[];
  try {
    [{ state }, participants] = await Promise.all([
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
  return mintToken(config, identity);
}
