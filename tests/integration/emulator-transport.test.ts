/**
 * The widget's EmulatorTransport against a real emulator, with a fetch-based EventSource standing
 * in for the browser's (Node 20 has none).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { defined } from '../support/defined';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import type { ChatSession, ChatTransportEvents } from '../../widget-src/transport/chat-transport';
import { EmulatorTransport } from '../../widget-src/transport/emulator-transport';
import { NodeEventSource } from '../support/node-event-source';
import { TEST_EMULATOR_OPTIONS as O, accessToken, twilioAt } from '../support/twilio-at-emulator';

type Recorded = { [K in keyof ChatTransportEvents]: { event: K; payload: ChatTransportEvents[K] } }[keyof ChatTransportEvents];

const EVENT_NAMES: (keyof ChatTransportEvents)[] = [
  'connectionState',
  'messageAdded',
  'messageUpdated',
  'messageRemoved',
  'participantJoined',
  'participantUpdated',
  'participantLeft',
  'typingStarted',
  'typingEnded',
  'conversationStateChanged',
  'tokenAboutToExpire',
  'tokenExpired',
];

/** Records every event of a transport and waits for the ones a test expects. */
function recorder(transport: EmulatorTransport) {
  const events: Recorded[] = [];
  for (const name of EVENT_NAMES) transport.on(name, (payload) => events.push({ event: name, payload } as Recorded));
  return {
    events,
    of<K extends keyof ChatTransportEvents>(name: K): ChatTransportEvents[K][] {
      return events.filter((e) => e.event === name).map((e) => e.payload as ChatTransportEvents[K]);
    },
    async until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${events.map((e) => e.event).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

describe('EmulatorTransport', () => {
  let emulator: RunningEmulator;
  let client: ReturnType<typeof twilioAt>;
  let session: ChatSession;
  const transports: EmulatorTransport[] = [];
  const originalEventSource = globalThis.EventSource;

  beforeAll(async () => {
    (globalThis as { EventSource: unknown }).EventSource = NodeEventSource;
    emulator = await startEmulator(O);
    client = twilioAt(emulator.url, O.accountSid, O.authToken);
  });
  afterAll(async () => {
    (globalThis as { EventSource: unknown }).EventSource = originalEventSource;
    await emulator.close();
  });
  beforeEach(async () => {
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    const chat = await client.flexApi.v2.webChannels.create({ addressSid: O.addressSid, customerFriendlyName: 'Ada', preEngagementData: '{"question":"hi"}' });
    await client.conversations.v1.conversations(chat.conversationSid).messages.create({ author: chat.identity, body: 'hi' });
    session = {
      token: accessToken(chat.identity),
      conversationSid: chat.conversationSid,
      identity: chat.identity,
      expiration: new Date(Date.now() + 3600_000).toISOString(),
      transport: { kind: 'emulator', url: emulator.url },
    };
  });
  afterEach(async () => {
    for (const transport of transports.splice(0)) await transport.disconnect();
  });

  function transportFor(chatSession: ChatSession): { transport: EmulatorTransport; record: ReturnType<typeof recorder> } {
    const transport = new EmulatorTransport(chatSession);
    transports.push(transport);
    return { transport, record: recorder(transport) };
  }

  const conversation = () => client.conversations.v1.conversations(session.conversationSid);

  async function agentJoins(): Promise<void> {
    await client.conversations.v1.users.create({ identity: 'agent-alice', friendlyName: 'Alice' });
    await conversation().participants.create({ identity: 'agent-alice' });
  }

  it('connects, returns the conversation snapshot and reports connecting then connected', async () => {
    const { transport, record } = transportFor(session);
    const snapshot = await transport.connect();
    expect(snapshot.state).toBe('active');
    expect(snapshot.attributes).toStrictEqual({ pre_engagement_data: { question: 'hi' } });
    expect(snapshot.participants.map((p) => p.friendlyName)).toStrictEqual(['Ada']);
    expect(snapshot.latest.messages[0]?.body).toBe('hi');
    expect(snapshot.latest.messages[0]?.dateCreated instanceof Date).toBeTruthy();
    await record.until(() => record.of('connectionState').includes('connected'), 'connected');
    expect(record.of('connectionState')).toStrictEqual(['connecting', 'connected']);
  });

  it('delivers the agent joining, replying, typing, reading and ending the chat', async () => {
    const { transport, record } = transportFor(session);
    await transport.connect();
    await record.until(() => record.of('connectionState').includes('connected'), 'connected');
    await agentJoins();
    const agent = transportFor({ ...session, token: accessToken('agent-alice'), identity: 'agent-alice' });
    await agent.transport.connect();
    agent.transport.typing();
    await record.until(() => record.of('typingStarted').length === 1, 'typingStarted');
    await agent.transport.sendMessage('Hello from Alice');
    await record.until(() => record.of('messageAdded').some((m) => m.body === 'Hello from Alice'), 'the reply');
    await record.until(() => record.of('typingEnded').length === 1, 'typingEnded');
    expect(record.of('participantJoined')[0]?.friendlyName).toBe('Alice');
    expect(record.of('typingStarted')[0]?.friendlyName).toBe('Alice');
    await agent.transport.markRead(1);
    await record.until(() => record.of('participantUpdated').some((p) => p.identity === 'agent-alice' && p.lastReadMessageIndex === 1), 'read horizon');
    await conversation().update({ state: 'closed' });
    await record.until(() => record.of('conversationStateChanged').includes('closed'), 'closed');
  });

  it('sends text and files, and hands out a URL at which the file downloads', async () => {
    const { transport, record } = transportFor(session);
    await transport.connect();
    await transport.sendMessage('plain');
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    await transport.sendMedia([{ name: 'shot.png', contentType: 'image/png', data: png }], 'see attached');
    await record.until(() => record.of('messageAdded').length === 2, 'both messages');
    const [text, withFile] = record.of('messageAdded');
    expect(text?.body).toBe('plain');
    expect(withFile?.body).toBe('see attached');
    const media = defined(withFile?.media[0]);
    expect([media.filename, media.contentType, media.size]).toStrictEqual(['shot.png', 'image/png', 4]);
    const download = await fetch(await transport.getMediaUrl(media));
    expect(new Uint8Array(await download.arrayBuffer())).toStrictEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it('pages older messages before an index', async () => {
    for (let i = 0; i < 4; i++) await conversation().messages.create({ author: 'x', body: `m${i}` });
    const { transport } = transportFor(session);
    await transport.connect();
    const page = await transport.getMessagesBefore(3, 2);
    expect(page.messages.map((m) => m.index)).toStrictEqual([1, 2]);
    expect(page.hasOlder).toBe(true);
  });

  it('reports denied and rejects when the token does not belong to a participant', async () => {
    const { transport, record } = transportFor({ ...session, token: accessToken('stranger') });
    await expect(transport.connect()).rejects.toThrow(/not a member/);
    expect(record.of('connectionState')).toStrictEqual(['connecting', 'denied']);
  });

  it('warns before the token expires, reconnects with a new token and catches up on missed messages', async () => {
    const { transport, record } = transportFor({ ...session, token: accessToken(session.identity, { ttl: 2 }) });
    await transport.connect();
    await record.until(() => record.of('tokenAboutToExpire').length === 1, 'tokenAboutToExpire');
    await record.until(() => record.of('tokenExpired').length === 1, 'tokenExpired', 4000);
    await record.until(() => record.of('connectionState').includes('reconnecting'), 'reconnecting');
    await conversation().messages.create({ author: 'agent', body: 'sent while you were away' });
    await transport.updateToken(accessToken(session.identity));
    await record.until(() => record.of('connectionState').at(-1) === 'connected', 'connected again');
    await record.until(() => record.of('messageAdded').some((m) => m.body === 'sent while you were away'), 'the missed message');
    expect(record.of('tokenExpired').length).toBe(1);
  });

  it('reports reconnecting when the stream drops, then connected, without losing or repeating messages', async () => {
    const { transport, record } = transportFor(session);
    await transport.connect();
    await record.until(() => record.of('connectionState').includes('connected'), 'connected');
    for (const source of NodeEventSource.open) source.interrupt();
    await conversation().messages.create({ author: 'agent', body: 'during the blip' });
    await record.until(() => record.of('connectionState').length === 4, 'reconnecting then connected');
    expect(record.of('connectionState')).toStrictEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    await record.until(() => record.of('messageAdded').length > 0, 'the message');
    await conversation().messages.create({ author: 'agent', body: 'after the blip' });
    await record.until(() => record.of('messageAdded').length === 2, 'the next message');
    expect(record.of('messageAdded').map((m) => m.body)).toStrictEqual(['during the blip', 'after the blip']);
  });

  it('reports denied when the visitor is removed from the conversation', async () => {
    const { transport, record } = transportFor(session);
    await transport.connect();
    await record.until(() => record.of('connectionState').includes('connected'), 'connected');
    await conversation().participants(session.identity).remove();
    await record.until(() => record.of('connectionState').at(-1) === 'denied', 'denied');
  });

  it('stops delivering events after disconnect', async () => {
    const { transport, record } = transportFor(session);
    await transport.connect();
    await record.until(() => record.of('connectionState').includes('connected'), 'connected');
    await transport.disconnect();
    await conversation().messages.create({ author: 'agent', body: 'too late' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(record.of('messageAdded').length).toBe(0);
    expect(record.of('connectionState').at(-1)).toBe('disconnected');
  });
});
