/**
 * Fakes of the Conversations SDK for ConversationsTransport's unit tests. The fakes implement the
 * transport's `Sdk*` types, whose members are taken from @twilio/conversations' own declarations
 * (widget-src/transport/sdk-types.ts): an SDK release that renames or retypes something we use
 * fails `tsc` on this file.
 */
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
import { session } from './fake-chat-transport';

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

export class FakeMedia implements SdkMedia {
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

export function fakeMessage(index: number, author: string | null, body: string | null, media: SdkMedia[] | null = null): SdkMessage {
  return { sid: `IM${index}`, index, author, body, dateCreated: new Date(Date.UTC(2026, 10, 25, 9, index)), attributes: {}, attachedMedia: media };
}

export class FakeParticipant implements SdkParticipant {
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
  readonly sentAttributes: Array<Record<string, string>> = [];
  readonly builder = new FakeBuilder();
  readIndexes: number[] = [];
  typingCalls = 0;
  page: SdkPaginator<SdkMessage> = { items: [fakeMessage(1, 'Concierge', 'Welcome'), fakeMessage(0, 'v1', 'Hi')], hasPrevPage: true };
  /** When set, pages are cut from it as Twilio cuts them (newest first, `anchor` inclusive) instead of `page`. */
  history: SdkMessage[] | null = null;

  constructor(readonly participants: SdkParticipant[]) {
    super();
  }
  async getMessages(pageSize?: number, anchor?: number, direction?: 'backwards' | 'forward'): Promise<SdkPaginator<SdkMessage>> {
    this.pageCalls.push([pageSize, anchor, direction]);
    if (this.history === null) return this.page;
    const upTo = this.history.filter((m) => m.index <= (anchor ?? Number.MAX_SAFE_INTEGER));
    const size = pageSize ?? 30;
    return { items: upTo.slice(-size), hasPrevPage: upTo.length > size };
  }
  async getParticipants(): Promise<SdkParticipant[]> {
    return this.participants;
  }
  async sendMessage(message: string, attributes: Record<string, string>): Promise<number> {
    this.sent.push(message);
    this.sentAttributes.push(attributes);
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

export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function setup(participants: SdkParticipant[] = [new FakeParticipant('MB1', 'v1', 'Jane'), new FakeParticipant('MB2', 'agent-1', 'Alex Agent')]) {
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

export async function connected(t: ReturnType<typeof setup>) {
  const promise = t.transport.connect();
  await tick();
  t.client.fire('initialized');
  return promise;
}
