/**
 * The widget's one transport, ConversationsTransport, on the real @twilio/conversations SDK against
 * the emulator's twilsock endpoint, with the agent played over Twilio's REST API by the real
 * `twilio` library. Each case here is something the SDK really does (a message arriving while the
 * first page loads, a retrying connection, a removal, a quick join-and-leave, an offline send) that
 * the transport must turn into what the visitor should see.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Message } from '@twilio/conversations';
import type { ChatSession, ChatTransportEvents, ConnectionState } from '../../widget-src/transport/chat-transport';
import { ConversationsTransport } from '../../widget-src/transport/conversations-transport';
import type { TransportLimits } from '../../widget-src/transport/sdk-client-lifecycle';
import { createSdkClient, type SdkClient, type SdkConversation } from '../../widget-src/transport/sdk-types';
import { twilsockUrl } from '../../scripts/emulator/realtime/twilsock-server';
import { nextEvent } from '../support/conversations-sdk';
import { EmulatorControl } from '../support/emulator-control';
import { accessToken, useEmulator } from '../support/twilio-at-emulator';

const VISITOR = 'visitor-identity';
const AGENT = 'agent-identity';
/** Short enough to keep offline tests quick, long enough for any loopback round trip. */
const TEST_LIMITS: TransportLimits = { connectMs: 10_000, operationMs: 1_500, mediaMs: 1_500, shutdownMs: 1_000 };

const emulator = useEmulator();
let control: EmulatorControl;
let transports: ConversationsTransport[] = [];

beforeAll(() => {
  control = new EmulatorControl(emulator.url);
});

afterEach(async () => {
  await Promise.all(transports.map((transport) => transport.disconnect()));
  transports = [];
});

async function createChat(): Promise<string> {
  const rest = emulator.client.conversations.v1;
  const conversation = await rest.conversations.create({
    friendlyName: 'Chat with Ada',
    attributes: JSON.stringify({ pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } }),
  });
  await rest.conversations(conversation.sid).participants.create({ identity: VISITOR });
  await rest.conversations(conversation.sid).messages.create({ author: VISITOR, body: 'Where is my order?' });
  return conversation.sid;
}

function sessionFor(conversationSid: string, token = accessToken(VISITOR)): ChatSession {
  return { token, conversationSid, identity: VISITOR, expiration: new Date(Date.now() + 3_600_000).toISOString(), transport: { websocketUri: twilsockUrl(emulator.url) } };
}

/** A transport of this test, recording every event it emits. */
function transportFor(
  session: ChatSession,
  factory: (token: string, transport: ChatSession['transport']) => SdkClient = createSdkClient,
  limits: TransportLimits = TEST_LIMITS,
) {
  const transport = new ConversationsTransport(session, factory, limits);
  transports.push(transport);
  const events: Array<{ name: keyof ChatTransportEvents; payload: unknown }> = [];
  const names: Array<keyof ChatTransportEvents> = [
    'connectionState', 'messageAdded', 'messageUpdated', 'messageRemoved', 'participantJoined', 'participantUpdated', 'participantLeft',
    'typingStarted', 'typingEnded', 'conversationStateChanged', 'tokenAboutToExpire', 'tokenExpired', 'removed',
  ];
  for (const name of names) transport.on(name, (payload) => events.push({ name, payload }));
  /** Resolves when the transport emits `name` with a payload `accept` likes. */
  const next = <K extends keyof ChatTransportEvents>(name: K, accept: (payload: ChatTransportEvents[K]) => boolean = () => true) =>
    new Promise<ChatTransportEvents[K]>((resolve) => {
      const off = transport.on(name, (payload) => {
        if (!accept(payload)) return;
        off();
        resolve(payload);
      });
    });
  return { transport, events, next };
}

describe('ConversationsTransport on the real SDK', () => {
  it('connects through the WebSocket the session names and loads the conversation', async () => {
    const sid = await createChat();
    const { transport } = transportFor(sessionFor(sid));
    const snapshot = await transport.connect();
    expect(snapshot.state).toBe('active');
    expect(snapshot.attributes.pre_engagement_data).toStrictEqual({ friendlyName: 'Ada', question: 'Where is my order?' });
    expect(snapshot.latest.messages.map((m) => [m.author, m.body])).toStrictEqual([[VISITOR, 'Where is my order?']]);
    expect(snapshot.participants.map((p) => p.identity)).toStrictEqual([VISITOR]);
  });

  it('keeps a message that arrives while the first page is loading', async () => {
    const sid = await createChat();
    let arrived: Message | undefined;
    // The agent answers after the SDK fetched the first page and before the transport has it.
    const factory = (token: string, transport: ChatSession['transport']): SdkClient => {
      const client = createSdkClient(token, transport);
      const getConversationBySid = client.getConversationBySid.bind(client);
      client.getConversationBySid = async (conversationSid) => {
        const conversation = await getConversationBySid(conversationSid);
        const getMessages = conversation.getMessages.bind(conversation);
        conversation.getMessages = async (...args: Parameters<SdkConversation['getMessages']>) => {
          const page = await getMessages(...args);
          const reply = nextEvent<[Message]>(conversation, 'messageAdded');
          await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'Hello, I am here' });
          [arrived] = await reply;
          return page;
        };
        return conversation;
      };
      return client;
    };
    const { transport, events } = transportFor(sessionFor(sid), factory);
    const snapshot = await transport.connect();
    expect(arrived?.body).toBe('Hello, I am here');
    expect(snapshot.latest.messages.map((m) => m.body)).toStrictEqual(['Where is my order?', 'Hello, I am here']);
    expect(events.filter((e) => e.name === 'messageAdded')).toStrictEqual([]);
  });

  it('settles a pending connect when disconnected, even if the server never answers', async () => {
    const sid = await createChat();
    await control.realtimeFault({ initDelayMs: 60_000 });
    const { transport } = transportFor(sessionFor(sid));
    const settled = expect(transport.connect()).rejects.toThrow(expect.objectContaining({ name: 'TransportError', code: 'disconnected' }));
    await transport.disconnect();
    await settled;
  });

  it('reports a dropped connection as reconnecting, then connected, and catches up on what was missed', async () => {
    const sid = await createChat();
    const { transport, events, next } = transportFor(sessionFor(sid));
    await transport.connect();
    const reconnecting = next('connectionState', (state) => state === 'reconnecting');
    // The service is back only on the second attempt: the SDK sees a socket error and retries.
    await control.realtimeFault({ refuseConnections: 1 });
    await control.dropSockets();
    await reconnecting;
    await next('connectionState', (state) => state === 'connected');
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'Sent while you were away' });
    const caughtUp = await next('messageAdded');
    expect(caughtUp.body).toBe('Sent while you were away');
    const states = events.filter((e) => e.name === 'connectionState').map((e) => e.payload as ConnectionState);
    expect(states).not.toContain('disconnected');
    expect(events.filter((e) => e.name === 'messageAdded')).toHaveLength(1);
  });

  it('reports a token refused at start as denied and expired, so the chat can renew it', async () => {
    const sid = await createChat();
    await control.realtimeFault({ refuseInit: { status: 401, code: 20104, message: 'Access Token expired or expiration date invalid', times: 1 } });
    const { transport, next } = transportFor(sessionFor(sid));
    const denied = next('connectionState', (state) => state === 'denied');
    const expired = next('tokenExpired');
    await expect(transport.connect()).rejects.toThrow(expect.objectContaining({ name: 'TransportError', code: 'denied' }));
    await Promise.all([denied, expired]);

    const { transport: renewed } = transportFor(sessionFor(sid));
    expect((await renewed.connect()).state).toBe('active');
  });

  it('waits out init refusals the SDK retries, instead of failing the chat', async () => {
    const sid = await createChat();
    await control.realtimeFault({ refuseInit: { status: 503, code: 20003, times: 1 } });
    const { transport, events } = transportFor(sessionFor(sid));
    const snapshot = await transport.connect();
    expect(snapshot.latest.messages).toHaveLength(1);
    expect(events.filter((e) => e.name === 'connectionState').map((e) => e.payload)).toContain('connected');
  });

  it('ends the chat for a visitor removed from the conversation', async () => {
    const sid = await createChat();
    const { transport, next } = transportFor(sessionFor(sid));
    await transport.connect();
    const removed = next('removed');
    await emulator.client.conversations.v1.conversations(sid).participants(VISITOR).remove();
    await removed;
  });

  it('ends the chat when the conversation is deleted', async () => {
    const sid = await createChat();
    const { transport, next } = transportFor(sessionFor(sid));
    await transport.connect();
    const removed = next('removed');
    await emulator.client.conversations.v1.conversations(sid).remove();
    await removed;
  });

  it('announces a quick join and leave in order, so no ghost participant stays', async () => {
    const sid = await createChat();
    await emulator.client.conversations.v1.users.create({ identity: AGENT, friendlyName: 'Alex' });
    const { transport, events, next } = transportFor(sessionFor(sid));
    await transport.connect();
    const left = next('participantLeft');
    const participants = emulator.client.conversations.v1.conversations(sid).participants;
    const participant = await participants.create({ identity: AGENT });
    await participants(participant.sid).remove();
    await left;
    const roster = events.filter((e) => e.name.startsWith('participant')).map((e) => [e.name, (e.payload as { friendlyName: string | null }).friendlyName]);
    expect(roster).toStrictEqual([['participantJoined', 'Alex'], ['participantLeft', 'Alex']]);
  });

  it('shows an agent’s new name when their user is renamed', async () => {
    const sid = await createChat();
    await emulator.client.conversations.v1.users.create({ identity: AGENT, friendlyName: 'Alex' });
    await emulator.client.conversations.v1.conversations(sid).participants.create({ identity: AGENT });
    const { transport, next } = transportFor(sessionFor(sid));
    const snapshot = await transport.connect();
    expect(snapshot.participants.find((p) => p.identity === AGENT)?.friendlyName).toBe('Alex');
    const renamed = next('participantUpdated', (p) => p.identity === AGENT);
    await emulator.client.conversations.v1.users(AGENT).update({ friendlyName: 'Alex B.' });
    expect((await renamed).friendlyName).toBe('Alex B.');
  });

  it('gives up on renewing the token while offline, and a send settles only once the SDK itself gave up', async () => {
    const sid = await createChat();
    const { transport, next } = transportFor(sessionFor(sid));
    await transport.connect();
    const offline = next('connectionState', (state) => state !== 'connected');
    await control.realtimeFault({ refuseConnections: 1000 });
    await control.dropSockets();
    await offline;
    // The SDK's own rejection, not a timeout of ours: after it nothing of this send can still go out.
    await expect(transport.sendMessage('Are you there?', { webchat_client_id: 'c-offline' })).rejects.not.toHaveProperty('name', 'TransportError');
    await expect(transport.updateToken(accessToken(VISITOR))).rejects.toThrow(expect.objectContaining({ name: 'TransportError', code: 'timeout' }));
    const messages = await emulator.client.conversations.v1.conversations(sid).messages.list();
    expect(messages.map((m) => m.body)).toStrictEqual(['Where is my order?']);
  }, 60_000); // the SDK's own offline queue gives up after 20 s (twilsock upstream.js)

  it('sends a message that REST sees under the visitor’s identity, with webhooks on', async () => {
    const sid = await createChat();
    const { transport, next } = transportFor(sessionFor(sid));
    await transport.connect();
    const echoed = next('messageAdded');
    await transport.sendMessage('Thanks!', { webchat_client_id: 'c-1' });
    expect((await echoed).attributes).toStrictEqual({ webchat_client_id: 'c-1' });
    const [, sent] = await emulator.client.conversations.v1.conversations(sid).messages.list({ order: 'asc' });
    expect([sent?.author, sent?.body, sent?.attributes]).toStrictEqual([VISITOR, 'Thanks!', '{"webchat_client_id":"c-1"}']);
    const stored = await control.conversation(sid);
    expect(stored.messages.map((m) => [m.body, m.webhookEnabled])).toStrictEqual([['Where is my order?', false], ['Thanks!', true]]);
  });

  it('takes a new token after Twilio ended the connection for an expired one, reporting it as reconnecting', async () => {
    const sid = await createChat();
    // The SDK holds a socket ended for expiry for about 3 s before it takes a new token.
    const { transport, events, next } = transportFor(sessionFor(sid), createSdkClient, { ...TEST_LIMITS, operationMs: 10_000 });
    await transport.connect();
    const expired = next('tokenExpired');
    await control.expireTokens();
    await expired;
    const back = next('connectionState', (state) => state === 'connected');
    await transport.updateToken(accessToken(VISITOR, { ttl: 7200 }));
    await back;
    const states = events.filter((e) => e.name === 'connectionState').map((e) => e.payload);
    const whileRenewing = states.slice(states.indexOf('connected') + 1);
    expect(whileRenewing).toContain('reconnecting');
    expect(whileRenewing).not.toContain('disconnected');
    expect(whileRenewing.at(-1)).toBe('connected');
    const echoed = next('messageAdded');
    await transport.sendMessage('Still here', {});
    expect((await echoed).body).toBe('Still here');
  });
});
