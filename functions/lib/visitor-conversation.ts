/**
 * What the Functions a visitor calls about their own chat (refreshToken, endChat) share: the
 * request `{token, conversationSid}` and the check that the token's identity is a participant of
 * that conversation, so a token can never act on, or learn anything about, someone else's chat.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { invalidField, invalidRequest, WebchatError } from './errors';
import { callTwilio, twilioStatus } from './twilio-call';
import { isSealedVisitor } from './visitor-seal';

export interface VisitorChatRequest {
  token: string;
  conversationSid: string;
}

const CONVERSATION_SID = /^CH[0-9a-f]{32}$/;
/** Twilio tokens with one grant are well under 1 KB; anything near this is not ours. */
const MAX_TOKEN_LENGTH = 4096;

/** `also`: the endpoint's own further parameters, which it checks itself. */
export function parseVisitorChatRequest(event: Readonly<Record<string, unknown>>, also: readonly string[] = []): VisitorChatRequest {
  const unknown = Object.keys(event).find((key) => key !== 'token' && key !== 'conversationSid' && !also.includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown parameter "${unknown.slice(0, 40)}": send {"token", "conversationSid"}.`);
  const { token, conversationSid } = event;
  if (typeof token !== 'string' || token.trim() === '') throw invalidField('token', 'token is required.');
  if (token.length > MAX_TOKEN_LENGTH) throw invalidField('token', `token must be at most ${MAX_TOKEN_LENGTH} characters.`);
  if (typeof conversationSid !== 'string' || !CONVERSATION_SID.test(conversationSid)) {
    throw invalidField('conversationSid', 'conversationSid must be a Conversation SID ("CH" followed by 32 hex characters).');
  }
  return { token: token.trim(), conversationSid };
}

export interface VisitorConversation {
  state: string;
  dateCreated: Date;
  /** When it last changed: for a closed conversation, when it was closed. */
  dateUpdated: Date;
  /** The conversation's attributes as Twilio stores them (JSON text). */
  attributes: string;
}

/**
 * The one answer for every conversation that is not the caller's: one that does not exist, one
 * they were removed from, another visitor's (open or closed). The same status, code and message for
 * all, so a token holder cannot learn which conversation SIDs exist or which of them are closed.
 */
export function notYourConversation(): WebchatError {
  return new WebchatError(404, 'CONVERSATION_NOT_FOUND', 'This chat does not exist or is not yours: start a new chat.');
}

/**
 * Reads the conversation of the token's `identity`: only when that identity is its visitor, the
 * participant the Functions sealed when the chat started (visitor-seal.ts), else (whatever the
 * reason) the answer of `notYourConversation`.
 */
export async function readVisitorConversation(client: Twilio, config: FunctionsConfig, conversationSid: string, identity: string): Promise<VisitorConversation> {
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid);
  try {
    const [{ state, dateCreated, dateUpdated, attributes }, participants] = await Promise.all([
      callTwilio('fetch conversation', () => conversation.fetch()),
      callTwilio('list participants', () => conversation.participants.list({ pageSize: 100 })),
    ]);
    // Only the participant the Functions sealed at the start counts: not one that joined by itself.
    const own = participants.some((participant) => participant.identity === identity && isSealedVisitor(config, conversationSid, identity, participant.attributes));
    if (!own) throw notYourConversation();
    return { state, dateCreated, dateUpdated, attributes };
  } catch (error) {
    if (twilioStatus(error) === 404) throw notYourConversation();
    throw error;
  }
}
