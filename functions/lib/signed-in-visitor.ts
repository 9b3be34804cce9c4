/**
 * What a start and the visitor's own calls do for a visitor the site signed in: check the site's
 * token, take the name and email from it, find their open chat (on whatever device it began), and
 * remember each new chat and its verified address.
 */
import type { Twilio } from 'twilio';
import type { Environment, FunctionsConfig } from './config';
import { isWebchatError, WebchatError } from './errors';
import { readIdentityConfig } from './identity-config';
import type { Logger } from './logger';
import type { PreEngagement } from './pre-engagement';
import type { StartedWebchat } from './start-webchat';
import { mintToken } from './tokens';
import { callTwilio } from './twilio-call';
import { recordVerifiedEmail } from './verified-emails';
import { readVisitorChats, rememberVisitorChat, type VisitorChat } from './visitor-chats';
import { readVisitorConversation } from './visitor-conversation';
import { parseIdentityToken, verifyIdentityToken, type SignedInVisitor } from './visitor-identity';

/** The visitor the request's `identityToken` vouches for; null without one. */
export async function signedInVisitor(env: Environment, config: FunctionsConfig, value: unknown): Promise<SignedInVisitor | null> {
  const token = parseIdentityToken(value);
  if (token === null) return null;
  const identity = readIdentityConfig(env);
  if (identity === null) {
    throw new WebchatError(400, 'IDENTITY_NOT_ACCEPTED', 'This chat does not take signed-in visitors: the deployment has no VISITOR_IDENTITY_SECRET or site keys.', {
      field: 'identityToken',
    });
  }
  return verifyIdentityToken(identity, config.apiSecret, token);
}

/** The form with the name and email the site vouches for in place of what was typed. */
export function withVerifiedIdentity(form: PreEngagement, visitor: SignedInVisitor | null): PreEngagement {
  if (visitor === null) return form;
  return { ...form, friendlyName: visitor.name ?? form.friendlyName, email: visitor.email ?? form.email };
}

/** What Flex and agents read about a signed-in visitor in `pre_engagement_data` (and the task, through Studio). */
export function verifiedFields(visitor: SignedInVisitor | null): Record<string, unknown> {
  return visitor === null ? {} : { customer_id: visitor.key, verified: true };
}

/**
 * The visitor's newest chat while it can go on: not closed, still theirs, begun less than
 * `sessionMaxAgeSeconds` ago (as refreshToken requires); else null.
 */
export async function openChatOf(client: Twilio, config: FunctionsConfig, visitor: SignedInVisitor, now = new Date()): Promise<VisitorChat | null> {
  const [newest] = await readVisitorChats(client.sync.v1.services(config.syncServiceSid), visitor.key);
  if (newest === undefined) return null;
  try {
    const { state, dateCreated } = await readVisitorConversation(client, config, newest.c, newest.i);
    return state === 'closed' || now.getTime() - dateCreated.getTime() > config.sessionMaxAgeSeconds * 1000 ? null : newest;
  } catch (error) {
    // Deleted in the Console, or no longer sealed: a new chat it is.
    if (isWebchatError(error) && error.code === 'CONVERSATION_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * Carries on in the visitor's open chat instead of starting a second one (they started it on
 * another device, or a moment ago): what they asked now goes in as their message, with webhooks on
 * as the SDK's own messages are, and the answer is a token for that chat's identity.
 */
export async function carryOn(client: Twilio, config: FunctionsConfig, chat: VisitorChat, form: PreEngagement): Promise<StartedWebchat> {
  const query = form.query;
  if (query !== null) {
    const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(chat.c);
    await callTwilio('post question', () => conversation.messages.create({ author: chat.i, body: query, xTwilioWebhookEnabled: 'true' }));
  }
  return { conversationSid: chat.c, identity: chat.i, ...mintToken(config, chat.i) };
}

/** Whether `conversationSid` is one of the visitor's chats, and as which identity. */
export async function visitorChat(client: Twilio, config: FunctionsConfig, visitor: SignedInVisitor, conversationSid: string): Promise<VisitorChat | null> {
  const chats = await readVisitorChats(client.sync.v1.services(config.syncServiceSid), visitor.key);
  return chats.find((chat) => chat.c === conversationSid) ?? null;
}

/** Notes a new chat for the visitor's other devices, and their verified address for the transcript email. */
export async function rememberChat(client: Twilio, config: FunctionsConfig, visitor: SignedInVisitor, chat: { conversationSid: string; identity: string }, log: Logger, now = new Date()): Promise<void> {
  const sync = client.sync.v1.services(config.syncServiceSid);
  await rememberVisitorChat(sync, visitor.key, { c: chat.conversationSid, i: chat.identity, t: Math.floor(now.getTime() / 1000) }, log);
  if (visitor.email !== null) {
    await recordVerifiedEmail(sync, { apiSecret: config.apiSecret, conversationSid: chat.conversationSid, address: visitor.email }).catch(() =>
      log.warn('verified email not recorded; the transcript email will ask for a code', { conversationSid: chat.conversationSid }),
    );
  }
}
