/**
 * A signed-in visitor's chats on any device: the one they may carry on in, the list of all of them,
 * and any one's transcript. Closed conversations are out of a visitor's reach through the SDK
 * (https://www.twilio.com/docs/conversations/states-timers: a closed conversation "can't be
 * re-opened" and its participants can no longer use it), so past chats are read here, with the
 * Function's own credentials, and only the visitor's own (visitor-chats.ts, sealed participants).
 */
import type { Twilio } from 'twilio';
import type { VisitorChatsAnswer, VisitorChatsRequest, VisitorTranscriptAnswer, VisitorTranscriptRequest } from '../../contract/api';
import type { Environment, FunctionsConfig } from './config';
import { readTranscriptDocument } from './conversation-transcript';
import { invalidField, invalidRequest } from './errors';
import { openChatOf, signedInVisitor, visitorChat } from './signed-in-visitor';
import { mintToken } from './tokens';
import { transportFor } from './transport';
import { MAX_REMEMBERED_CHATS, readVisitorChats } from './visitor-chats';
import { notYourConversation, readVisitorConversation } from './visitor-conversation';
import { identityRefused, type SignedInVisitor } from './visitor-identity';

export const CHATS_PAGE_SIZE = 10;
const CONVERSATION_SID = /^CH[0-9a-f]{32}$/;

async function requireVisitor(env: Environment, config: FunctionsConfig, params: Readonly<Record<string, unknown>>, known: readonly string[]): Promise<SignedInVisitor> {
  const unknown = Object.keys(params).find((key) => !known.includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown parameter "${unknown.slice(0, 40)}": send {${known.map((key) => `"${key}"`).join(', ')}}.`);
  const visitor = await signedInVisitor(env, config, params.identityToken);
  if (visitor === null) throw identityRefused('identityToken is required.');
  return visitor;
}

export async function listVisitorChats(client: Twilio, config: FunctionsConfig, env: Environment, params: Readonly<Record<string, unknown>>): Promise<VisitorChatsAnswer> {
  const visitor = await requireVisitor(env, config, params, ['identityToken', 'page'] satisfies Array<keyof VisitorChatsRequest>);
  const page = params.page ?? 0;
  const lastPage = Math.ceil(MAX_REMEMBERED_CHATS / CHATS_PAGE_SIZE) - 1;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 0 || page > lastPage) {
    throw invalidField('page', `page must be a whole number from 0 to ${lastPage}.`);
  }
  const [chats, open] = await Promise.all([readVisitorChats(client.sync.v1.services(config.syncServiceSid), visitor.key), openChatOf(client, config, visitor)]);
  const shown = chats.slice(page * CHATS_PAGE_SIZE, (page + 1) * CHATS_PAGE_SIZE);
  return {
    open: open === null ? null : { conversationSid: open.c, identity: open.i, ...mintToken(config, open.i), transport: transportFor(config) },
    chats: shown.map((chat) => ({ conversationSid: chat.c, startedAt: new Date(chat.t * 1000).toISOString() })),
    nextPage: chats.length > (page + 1) * CHATS_PAGE_SIZE ? page + 1 : null,
  };
}

export async function visitorTranscript(client: Twilio, config: FunctionsConfig, env: Environment, params: Readonly<Record<string, unknown>>): Promise<VisitorTranscriptAnswer> {
  const visitor = await requireVisitor(env, config, params, ['identityToken', 'conversationSid'] satisfies Array<keyof VisitorTranscriptRequest>);
  const { conversationSid } = params;
  if (typeof conversationSid !== 'string' || !CONVERSATION_SID.test(conversationSid)) {
    throw invalidField('conversationSid', 'conversationSid must be a Conversation SID ("CH" followed by 32 hex characters).');
  }
  const chat = await visitorChat(client, config, visitor, conversationSid);
  if (chat === null) throw notYourConversation();
  await readVisitorConversation(client, config, chat.c, chat.i);
  return { transcript: await readTranscriptDocument(client, config, chat.c, chat.i) };
}
