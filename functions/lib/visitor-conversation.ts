/**
 * What the Functions a visitor calls about their own chat (refreshToken, endChat) share: the
 * request `{token, conversationSid}` and the check that the token's identity is a participant of
 * that conversation, so a token can never act on someone else's chat.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { invalidField, invalidRequest, WebchatError } from './errors';
import { callTwilio, twilioStatus } from './twilio-call';

export interface VisitorChatRequest {
  token: string;
  conversationSid: string;
}

const CONVERSATION_SID = /^CH[0-9a-f]{32}$/;
/** Twilio tokens with one grant are well under 1 KB; anything near this is not ours. */
const MAX_TOKEN_LENGTH = 4096;

export function parseVisitorChatRequest(event: Readonly<Record<string, unknown>>): VisitorChatRequest {
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

export interface VisitorConversation {
  state: string;
  dateCreated: Date;
  /** The conversation's attributes as Twilio stores them (JSON text). */
  attributes: string;
  /** Whether `identity` is one of its participants. */
  isParticipant: boolean;
}

/** Reads the conversation and whether `identity` takes part in it; 404 CONVERSATION_NOT_FOUND when it is gone. */
export async function readVisitorConversation(client: Twilio, config: FunctionsConfig, conversationSid: string, identity: string): Promise<VisitorConversation> {
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid);
  try {
    const [{ state, dateCreated, attributes }, participants] = await Promise.all([
      callTwilio('fetch conversation', () => conversation.fetch()),
      callTwilio('list participants', () => conversation.participants.list({ pageSize: 100 })),
    ]);
    return { state, dateCreated, attributes, isParticipant: participants.some((participant) => participant.identity === identity) };
  } catch (error) {
    if (twilioStatus(error) === 404) {
      throw new WebchatError(404, 'CONVERSATION_NOT_FOUND', 'This conversation does not exist any more: start a new chat.');
    }
    throw error;
  }
}

export function notAParticipant(): WebchatError {
  return new WebchatError(403, 'NOT_A_PARTICIPANT', 'This token does not belong to a participant of this conversation.');
}
