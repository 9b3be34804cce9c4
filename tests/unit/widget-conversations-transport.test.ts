/**
 * ConversationsTransport against fakes of the Conversations SDK, for the mapping details. The fakes
 * implement the transport's `Sdk*` types, whose members are taken from @twilio/conversations' own
 * declarations (widget-src/transport/sdk-types.ts): an SDK release that renames or retypes
 * something we use fails `tsc` on this file. The same transport runs against the real SDK and the
 * emulator in tests/integration/conversations-transport.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import type { ChatTransportEvents } from '../../widget-src/transport/chat-transport';
import { ConversationsTransport } from '../../widget-src/transport/conversations-transport';
import type {
  SdkClient,
  SdkClientEvents,
  SdkConversation,
  SdkConversationEvents,
  SdkMedia,
  SdkMessage,
  SdkMessageBuilder,
  SdkPaginator,
  SdkParticipant,
  SdkUser,
} from '../../widget-src/transport/sdk-types';
import { session } from '../support/fake-chat-transport';

type Listener = (...args: never[]) => void;

/** Records listeners per event like the SDK's ReplayEventEmitter (without the replay). */
class FakeEmitter<Events> {
  readonly listeners = new Map<keyof Events, Set<Listener>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
    return this;
  }

  removeListener<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.listeners.get(event)?.delete(listener as Listener);
    return this;
  }

  fire<E extends keyof Events>(event: E, ...args: Events[E] extends (...a: infer A) => void ? A : never): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as unknown as (...a: typeof args) => void)(...args);
  }

  count(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}

class FakeMedia implements SdkMedia {
  constructor(
    readonly sid: string,
    readonly filename: string | null,
    readonly contentType: string,
    readonly size: number,
    private readonly url: string | null,
  ) {}
  getContentTemporaryUrl(): Promise<string | null> {
    return Promise.resolve(this.url);
  }
}

function fakeMessage(index: number, author: string | null, body: string | null, media: SdkMedia[] | null = null): SdkMessage {
  return { sid: `IM${index}`, index, author, body, dateCreated: new Date(Date.UTC(2026, 10, 25, 9, index)), attributes: {}, attachedMedia: media };
}

class FakeParticipant implements SdkParticipant {
  userCalls = 0;
  constructor(
    readonly sid: string,
    readonly identity: string | null,
    private readonly userName: string | null | Error,
    readonly attributes: SdkParticipant['attributes'] = {},
    public lastReadMessageIndex: number | null = null,
  ) {}
  async getUser(): Promise<SdkUser> {
    this.userCalls += 1;
    if (this.userName instanceof Error) throw this.userName;
    return { identity: this.identity ?? '', friendlyName: this.userName };
  }
}

class FakeBuilder implements SdkMessageBuilder {
  body: string | undefined;
  media: Array<Parameters<SdkMessageBuilder['addMedia']>[0]> = [];
  sent = false;
  setBody(text: string): SdkMessageBuilder {
    this.body = text;
    return this;
  }
  addMedia(payload: Parameters<SdkMessageBuilder['addMedia']>[0]): SdkMessageBuilder {
    this.media.push(payload);
    return this;
  }
  async buildAndSend(): Promise<number | null> {
    this.sent = true;
    return 7;
  }
}

class FakeConversation extends FakeEmitter<SdkConversationEvents> implements SdkConversation {
  state: SdkConversation['state'] = { current: 'active', dateUpdated: new Date() };
  attributes: SdkConversation['attributes'] = { pre_engagement_data: { friendlyName: 'Jane' } };
  readonly pageCalls: Array<[number | undefined, number | undefined, string | undefined]> = [];
  readonly sent: string[] = [];
  readonly builder = new FakeBuilder();
  readIndexes: number[] = [];
  typingCalls = 0;
  page: SdkPaginator<SdkMessage> = { items: [fakeMessage(1, 'Concierge', 'Welcome'), fakeMessage(0, 'v1', 'Hi')], hasPrevPage: true };

  constructor(readonly participants: SdkParticipant[]) {
    super();
  }
  async getMessages(pageSize?: number, anchor?: number, direction?: 'backwards' | 'forward'): Promise<SdkPaginator<SdkMessage>> {
    this.pageCalls.push([pageSize, anchor, direction]);
    return this.page;
  }
  async getParticipants(): Promise<SdkParticipant[]> {
    return this.participants;
  }
  async sendMessage(message: string): Promise<number> {
    this.sent.push(message);
    return 3;
  }
  prepareMessage(): SdkMessageBuilder {
    return this.builder;
  }
  async typing(): Promise<void> {
    this.typingCalls += 1;
  }
  async advanceLastReadMessageIndex(index: number): Promise<number> {
    this.readIndexes.push(index);
    return 0;
  }
}

class FakeClient extends FakeEmitter<SdkClientEvents> implements SdkClient {
  connectionState: SdkClient['connectionState'] = 'connecting';
  tokens: string[] = [];
  shutdowns = 0;
  constructor(readonly conversation: FakeConversation) {
    super();
  }
  async getConversationBySid(): Promise<SdkConversation> {
    return this.conversation;
  }
  async updateToken(token: string): Promise<unknown> {
    this.tokens.push(token);
    return this;
  }
  async shutdown(): Promise<void> {
    this.shutdowns += 1;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(participants: SdkParticipant[] = [new FakeParticipant('MB1', 'v1', 'Jane'), new FakeParticipant('MB2', 'agent-1', 'Alex Agent')]) {
  const conversation = new FakeConversation(participants);
  const client = new FakeClient(conversation);
  const tokens: string[] = [];
  const transport = new ConversationsTransport(session({ transport: {} }), (token) => {
    tokens.push(token);
    return client;
  });
  const events: Array<{ event: keyof ChatTransportEvents; payload: unknown }> = [];
  const names: Array<keyof ChatTransportEvents> = [
    'connectionState', 'messageAdded', 'messageUpdated', 'messageRemoved', 'participantJoined', 'participantUpdated',
    'participantLeft', 'typingStarted', 'typingEnded', 'conversationStateChanged', 'tokenAboutToExpire', 'tokenExpired', 'removed',
  ];
  for (const name of names) transport.on(name, (payload) => events.push({ event: name, payload }));
  return { conversation, client, tokens, transport, events };
}

async function connected(t: ReturnType<typeof setup>) {
  const promise = t.transport.connect();
  await tick();
  t.client.fire('initialized');
  return promise;
}

describe('ConversationsTransport', () => {
  test('connects with the session token once the client is initialised and returns the snapshot', async () => {
    const t = setup([
      new FakeParticipant('MB1', 'v1', 'Jane'),
      new FakeParticipant('MB2', 'agent-1', 'Ignored', { friendlyName: 'Alex from attributes' }),
      new FakeParticipant('MB3', 'sms-1', new Error('no user')),
    ]);
    const snapshot = await connected(t);
    expect(t.tokens).toStrictEqual(['token-1']);
    expect(snapshot.state).toBe('active');
    expect(snapshot.participants.map((p) => [p.identity, p.friendlyName])).toStrictEqual([
      ['v1', 'Jane'],
      ['agent-1', 'Alex from attributes'],
      ['sms-1', null],
    ]);
    expect(snapshot.latest.messages.map((m) => [m.index, m.body])).toStrictEqual([[0, 'Hi'], [1, 'Welcome']]);
    expect(snapshot.latest.hasOlder).toBe(true);
    expect(snapshot.attributes).toStrictEqual({ pre_engagement_data: { friendlyName: 'Jane' } });
  });

  test('waits while the client retries, and rejects on a terminal connection error', async () => {
    const t = setup();
    const promise = t.transport.connect();
    let settled = false;
    promise.then(() => (settled = true), () => (settled = true));
    await tick();
    t.client.fire('initFailed', { error: { terminal: true, message: 'Twilsock has disconnected.' } });
    t.client.fire('connectionError', { terminal: false, message: 'retrying' });
    await tick();
    expect(settled).toBe(false);
    t.client.fire('connectionError', { terminal: true, message: 'unsupported protocol' });
    await expect(promise).rejects.toThrow(/unsupported protocol/);
  });

  test('maps SDK events to transport events', async () => {
    const t = setup();
    await connected(t);
    t.client.fire('connectionStateChanged', 'connected');
    t.client.fire('connectionStateChanged', 'disconnecting');
    t.client.fire('tokenAboutToExpire');
    const media = new FakeMedia('ME1', 'photo.png', 'image/png', 2048, 'https://mcs.example/ME1');
    t.conversation.fire('messageAdded', fakeMessage(5, 'agent-1', null, [media]));
    t.conversation.fire('typingStarted', new FakeParticipant('MB2', 'agent-1', 'Alex Agent'));
    // Typing waits behind that participant's earlier events (here none) to keep their order.
    await tick();
    t.conversation.fire('updated', { conversation: { state: { current: 'closed', dateUpdated: new Date() } }, updateReasons: ['state'] });
    t.conversation.fire('updated', { conversation: { state: undefined }, updateReasons: ['attributes'] });
    const seen = t.events.map((e) => e.event);
    expect(seen).toStrictEqual(['connectionState', 'connectionState', 'tokenAboutToExpire', 'messageAdded', 'typingStarted', 'conversationStateChanged']);
    expect(t.events.slice(0, 2).map((e) => e.payload)).toStrictEqual(['connected', 'reconnecting']);
    expect(t.events[3]?.payload).toStrictEqual({
      sid: 'IM5',
      index: 5,
      author: 'agent-1',
      body: '',
      dateCreated: new Date(Date.UTC(2026, 10, 25, 9, 5)),
      media: [{ sid: 'ME1', filename: 'photo.png', contentType: 'image/png', size: 2048 }],
      attributes: {},
    });
    expect((t.events[4]?.payload as { friendlyName: string }).friendlyName).toBe('Alex Agent');
    expect(t.events[5]?.payload).toBe('closed');
  });

  test('resolves a joining participant’s name before announcing them, and again on every update', async () => {
    const t = setup();
    await connected(t);
    const joining = new FakeParticipant('MB9', 'agent-2', 'Sam');
    t.conversation.fire('participantJoined', joining);
    await tick();
    t.conversation.fire('participantUpdated', { participant: joining, updateReasons: ['lastReadMessageIndex'] });
    await tick();
    expect(t.events.map((e) => [e.event, (e.payload as { friendlyName: string }).friendlyName])).toStrictEqual([
      ['participantJoined', 'Sam'],
      ['participantUpdated', 'Sam'],
    ]);
    expect(joining.userCalls).toBe(2);
  });

  test('pages older messages backwards from just before the oldest shown', async () => {
    const t = setup();
    await connected(t);
    await t.transport.getMessagesBefore(40, 30);
    expect(t.conversation.pageCalls.at(-1)).toStrictEqual([30, 39, 'backwards']);
    const none = await t.transport.getMessagesBefore(0, 30);
    expect(none).toStrictEqual({ messages: [], hasOlder: false });
    expect(t.conversation.pageCalls.length).toBe(2);
  });

  test('sends text, files with text in one message, typing and read horizons', async () => {
    const t = setup();
    await connected(t);
    await t.transport.sendMessage('Hello');
    const data = new Blob(['%PDF']);
    await t.transport.sendMedia([{ name: 'a.pdf', contentType: 'application/pdf', data }], 'see file');
    t.transport.typing();
    await t.transport.markRead(4);
    expect(t.conversation.sent).toStrictEqual(['Hello']);
    expect(t.conversation.builder.body).toBe('see file');
    expect(t.conversation.builder.media).toStrictEqual([{ contentType: 'application/pdf', filename: 'a.pdf', media: data }]);
    expect(t.conversation.builder.sent).toBe(true);
    expect(t.conversation.typingCalls).toBe(1);
    expect(t.conversation.readIndexes).toStrictEqual([4]);
  });

  test('gives temporary media URLs for media it has seen', async () => {
    const t = setup();
    t.conversation.page = {
      items: [fakeMessage(2, 'agent-1', 'file', [new FakeMedia('ME2', null, 'application/pdf', 10, 'https://mcs.example/ME2'), new FakeMedia('ME3', 'x', 'image/png', 1, null)])],
      hasPrevPage: false,
    };
    const snapshot = await connected(t);
    const [first, second] = snapshot.latest.messages[0]?.media ?? [];
    expect(first?.filename).toBe('file');
    expect(await t.transport.getMediaUrl(first ?? { sid: '', filename: '', contentType: '', size: 0 })).toBe('https://mcs.example/ME2');
    await expect(t.transport.getMediaUrl(second ?? { sid: '', filename: '', contentType: '', size: 0 })).rejects.toThrow(/No URL/);
    await expect(t.transport.getMediaUrl({ sid: 'ME404', filename: 'x', contentType: 'x', size: 0 })).rejects.toThrow(/Unknown media/);
  });

  test('updates the token and, on disconnect, removes every listener and shuts the client down', async () => {
    const t = setup();
    await connected(t);
    await t.transport.updateToken('token-2');
    expect(t.client.tokens).toStrictEqual(['token-2']);
    expect(t.client.count() > 0 && t.conversation.count() > 0).toBeTruthy();
    await t.transport.disconnect();
    expect(t.client.count()).toBe(0);
    expect(t.conversation.count()).toBe(0);
    expect(t.client.shutdowns).toBe(1);
    t.conversation.fire('messageAdded', fakeMessage(9, 'agent-1', 'late'));
    expect(t.events.length).toBe(0);
  });
});
