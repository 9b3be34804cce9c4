/**
 * The desk's loopback API: what Flex's backend does for an agent (list conversations, join one as
 * a User with the display name + a participant, mint Access Tokens) and ending a conversation;
 * shapes in desk-types.ts:
 *
 *   GET  /desk/api/conversations                        → DeskConversationView[] (newest first)
 *   POST /desk/api/conversations/:sid/join {displayName} → DeskJoinView (token + WebSocket URI)
 *   POST /desk/api/conversations/:sid/close             → 204 (closes the Flex interaction channel,
 *                                                         as Flex's end button does, else the conversation)
 *   POST /desk/api/token {displayName}                  → DeskTokenView (renewal for a joined agent)
 *   GET  /desk/api/outbox                               → DeskEmailView[]: the emails SendGrid's stand-in
 *                                                         accepted (transcripts), newest first
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http-io';
import { mintAccessToken, type TokenAuthority } from '../realtime/access-token';
import { twilsockUrl } from '../realtime/twilsock-server';
import { conversationView, parseAttributes, participantView } from '../rest/views';
import type { ConversationRecord } from '../store/conversation-records';
import type { ConversationsStore } from '../store/conversations-store';
import type { FlexInteractions } from '../store/flex-interactions';
import { isEndedByVisitor } from '../../../contract/chat-events';
import type { Outbox } from '../store/outbox';
import { invalidParameter, notFound } from '../twilio-errors';
import type { DeskConversationView, DeskJoinView, DeskTokenView } from './desk-types';

/** An hour, like Flex's own agent tokens: a long session at the desk exercises token renewal. */
const AGENT_TOKEN_TTL_SECONDS = 60 * 60;
const MAX_DISPLAY_NAME_LENGTH = 64;

export interface DeskApiDependencies {
  store: ConversationsStore;
  interactions: FlexInteractions;
  outbox: Outbox;
  authority: TokenAuthority;
  /** The emulator's own URL, e.g. http://127.0.0.1:3001 (known once it listens). */
  publicUrl: () => string;
}

/** Agents get a readable, stable identity derived from the display name they chose. */
export function agentIdentity(displayName: string): string {
  const slug = displayName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `agent-${slug || 'anonymous'}`;
}

/** The trimmed `displayName` of a JSON body. */
async function readDisplayName(request: IncomingMessage): Promise<string> {
  let displayName: unknown;
  try {
    ({ displayName } = JSON.parse((await readBody(request, 4096)).toString('utf8')) as { displayName?: unknown });
  } catch {
    throw invalidParameter('Body must be JSON {displayName}');
  }
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.trim().length > MAX_DISPLAY_NAME_LENGTH) {
    throw invalidParameter(`displayName must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters`);
  }
  return displayName.trim();
}

/** A JSON content type forces a CORS preflight, which this API never grants: no cross-site posts. */
function requireJson(request: IncomingMessage): void {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) throw invalidParameter('Content-Type must be application/json');
}

/** Answers one API request; throws TwilioError for what the caller got wrong. */
export function createDeskApi(deps: DeskApiDependencies) {
  const { store, interactions, authority } = deps;

  function deskConversation(conversation: ConversationRecord): DeskConversationView {
    const messages = store.listMessages(conversation.sid);
    const last = messages.at(-1);
    const byCustomer = last !== undefined && isEndedByVisitor(parseAttributes(last.attributes));
    return {
      ...conversationView(conversation),
      participants: store.listParticipants(conversation.sid).map((p) => participantView(store, p)),
      messageCount: messages.length,
      endedBy: conversation.state !== 'closed' ? null : byCustomer ? 'customer' : 'agent',
    };
  }

  /** Flex's end button closes the interaction channel (which closes the conversation); a chat never routed is closed directly. */
  function endConversation(conversation: ConversationRecord): void {
    const channel = interactions.channelOf(conversation.sid);
    if (channel !== undefined && channel.status !== 'closed') interactions.updateChannel(channel, 'closed');
    else store.updateConversation(conversation, { state: 'closed' });
  }

  async function tokenFor(identity: string): Promise<DeskTokenView> {
    const { token, expiresAt } = await mintAccessToken(authority, identity, AGENT_TOKEN_TTL_SECONDS);
    return { token, identity, expiration: new Date(expiresAt * 1000).toISOString() };
  }

  /**
   * As Flex names an agent: a Conversations User per worker whose friendly name is the worker's
   * public name (`public_identity`, else `full_name`), the participant added with no name of its own
   * (https://support.twilio.com/hc/en-us/articles/48675455839259). The desk's name field is that public name.
   */
  async function joinConversation(request: IncomingMessage, conversation: ConversationRecord): Promise<DeskJoinView> {
    const friendlyName = await readDisplayName(request);
    const identity = agentIdentity(friendlyName);
    const user = store.users.find(identity);
    if (!user) store.users.create({ identity, friendlyName });
    else if (user.friendlyName !== friendlyName) store.users.update(user, { friendlyName });
    if (!store.findParticipant(conversation.sid, identity)) store.addParticipant(conversation, { identity });
    interactions.acceptTask(conversation.sid);
    return { ...(await tokenFor(identity)), websocketUri: twilsockUrl(deps.publicUrl()) };
  }

  /** A fresh token for an agent who joined before (the User exists); joins nothing. */
  async function renewToken(request: IncomingMessage): Promise<DeskTokenView> {
    const identity = agentIdentity(await readDisplayName(request));
    if (!store.users.find(identity)) throw notFound(`/desk/api/token for ${identity}`);
    return tokenFor(identity);
  }

  return async function deskApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/desk/api/conversations') {
      const conversations = store.listConversations().reverse().map(deskConversation);
      return sendJson(response, 200, conversations);
    }
    if (method === 'GET' && url.pathname === '/desk/api/outbox') return sendJson(response, 200, [...deps.outbox.list()].reverse());
    if (method === 'POST' && url.pathname === '/desk/api/token') {
      requireJson(request);
      return sendJson(response, 200, await renewToken(request));
    }
    const match = /^\/desk\/api\/conversations\/([^/]+)\/(join|close)$/.exec(url.pathname);
    const conversation = match?.[1] === undefined ? undefined : store.findConversation(match[1]);
    if (method !== 'POST' || !match || !conversation) throw notFound(url.pathname);
    requireJson(request);
    if (match[2] === 'join') return sendJson(response, 200, await joinConversation(request, conversation));
    endConversation(conversation);
    return sendJson(response, 204, undefined);
  };
}
