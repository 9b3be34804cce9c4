/**
 * ChatTransport on the real `@twilio/conversations` SDK (production).
 *
 * The SDK is reached only through the narrow `Sdk*` types below. Their member types are taken
 * from the SDK's own declarations, and `createSdkClient` assigns a real `Client` to `SdkClient`,
 * so an incompatible SDK release fails `tsc` here and in the unit tests' fakes
 * (tests/unit/widget-conversations-transport.test.ts), not in a visitor's browser.
 */
import { Client } from '@twilio/conversations';
import type {
  Conversation,
  ConversationUpdateReason,
  Media,
  Message,
  MessageBuilder,
  MessageUpdateReason,
  Participant,
  ParticipantUpdateReason,
  User,
} from '@twilio/conversations';
import type {
  ChatMedia,
  ChatMessage,
  ChatParticipant,
  ChatSession,
  ChatTransport,
  ChatTransportEvents,
  ConnectionState,
  ConversationSnapshot,
  ConversationState,
  MessagePage,
  OutgoingFile,
  Unsubscribe,
} from './chat-transport';
import { TypedEmitter } from './typed-emitter';

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/**
 * One overload per event. Overloads (not one generic signature) let TypeScript check each of our
 * listener types against the SDK's own for that event when a real SDK object is assigned.
 */
type Overloads<Events> = UnionToIntersection<
  { [E in keyof Events]: (event: E, listener: Events[E]) => unknown }[keyof Events]
>;

/** Subscription surface shared by the SDK's emitters, restricted to the events we use. */
export interface SdkEmitter<Events> {
  on: Overloads<Events>;
  removeListener: Overloads<Events>;
}

export type SdkMedia = Pick<Media, 'sid' | 'filename' | 'contentType' | 'size'> & {
  getContentTemporaryUrl(): PromiseLike<Awaited<ReturnType<Media['getContentTemporaryUrl']>>>;
};

export type SdkMessage = Pick<Message, 'sid' | 'index' | 'author' | 'body' | 'dateCreated' | 'attributes'> & {
  readonly attachedMedia: SdkMedia[] | null;
};

export type SdkUser = Pick<User, 'friendlyName'>;

export type SdkParticipant = Pick<Participant, 'sid' | 'identity' | 'attributes' | 'lastReadMessageIndex'> & {
  getUser(): Promise<SdkUser>;
};

export interface SdkPaginator<T> {
  items: T[];
  hasPrevPage: boolean;
}

export interface SdkMessageBuilder {
  setBody(text: string): SdkMessageBuilder;
  addMedia(payload: Parameters<MessageBuilder['addMedia']>[0]): SdkMessageBuilder;
  buildAndSend(): PromiseLike<Awaited<ReturnType<MessageBuilder['buildAndSend']>>>;
}

export interface SdkConversationEvents {
  messageAdded: (message: SdkMessage) => void;
  messageUpdated: (data: { message: SdkMessage; updateReasons: MessageUpdateReason[] }) => void;
  messageRemoved: (message: SdkMessage) => void;
  participantJoined: (participant: SdkParticipant) => void;
  participantLeft: (participant: SdkParticipant) => void;
  participantUpdated: (data: { participant: SdkParticipant; updateReasons: ParticipantUpdateReason[] }) => void;
  typingStarted: (participant: SdkParticipant) => void;
  typingEnded: (participant: SdkParticipant) => void;
  updated: (data: { conversation: Pick<Conversation, 'state'>; updateReasons: ConversationUpdateReason[] }) => void;
}

export interface SdkConversation
  extends Pick<Conversation, 'state' | 'attributes' | 'typing' | 'advanceLastReadMessageIndex'>,
    SdkEmitter<SdkConversationEvents> {
  getMessages(pageSize?: number, anchor?: number, direction?: 'backwards' | 'forward'): Promise<SdkPaginator<SdkMessage>>;
  getParticipants(): Promise<SdkParticipant[]>;
  sendMessage(message: string): Promise<number>;
  prepareMessage(): SdkMessageBuilder;
}

export interface SdkClientEvents {
  connectionStateChanged: (state: Client['connectionState']) => void;
  initialized: () => void;
  initFailed: (data: { error?: { message: string } }) => void;
  tokenAboutToExpire: () => void;
  tokenExpired: () => void;
}

export interface SdkClient extends Pick<Client, 'connectionState' | 'shutdown'>, SdkEmitter<SdkClientEvents> {
  getConversationBySid(conversationSid: string): Promise<SdkConversation>;
  updateToken(token: string): Promise<unknown>;
}

/** The production factory; also the compile-time proof that the real SDK fits the narrow types. */
export function createSdkClient(token: string): SdkClient {
  return new Client(token);
}

/** Messages per page when the chat opens. */
const FIRST_PAGE_SIZE = 30;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function mapConnectionState(state: Client['connectionState']): ConnectionState {
  switch (state) {
    case 'connected':
    case 'connecting':
    case 'denied':
    case 'disconnected':
      return state;
    default:
      // 'disconnecting' and anything newer: not usable right now.
      return 'disconnected';
  }
}

function conversationState(conversation: Pick<Conversation, 'state'>): ConversationState {
  return conversation.state?.current ?? 'active';
}

/** Chat over Twilio Conversations with the token from `initWebchat`. */
export class ConversationsTransport implements ChatTransport {
  private readonly events = new TypedEmitter<ChatTransportEvents>();
  private client: SdkClient | null = null;
  private conversation: SdkConversation | null = null;
  private readonly media = new Map<string, SdkMedia>();
  /** Friendly names by participant sid, resolved once (getUser is a network call). */
  private readonly names = new Map<string, string | null>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly session: ChatSession,
    private readonly clientFactory: (token: string) => SdkClient = createSdkClient,
  ) {}

  on<K extends keyof ChatTransportEvents>(event: K, listener: (payload: ChatTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  async connect(): Promise<ConversationSnapshot> {
    const client = this.clientFactory(this.session.token);
    this.client = client;
    await new Promise<void>((resolve, reject) => {
      const onInitialized = (): void => resolve();
      const onInitFailed = (data: { error?: { message: string } }): void =>
        reject(new Error(`Conversations client failed to start: ${data.error?.message ?? 'unknown error'}`));
      client.on('initialized', onInitialized);
      client.on('initFailed', onInitFailed);
      this.cleanups.push(
        () => client.removeListener('initialized', onInitialized),
        () => client.removeListener('initFailed', onInitFailed),
      );
    });
    this.listenToClient(client);
    const conversation = await client.getConversationBySid(this.session.conversationSid);
    this.conversation = conversation;
    const [participants, page] = await Promise.all([
      conversation.getParticipants(),
      conversation.getMessages(FIRST_PAGE_SIZE),
    ]);
    this.listenToConversation(conversation);
    return {
      state: conversationState(conversation),
      participants: await Promise.all(participants.map((p) => this.describe(p))),
      latest: this.toPage(page),
      attributes: record(conversation.attributes),
    };
  }

  async getMessagesBefore(beforeIndex: number, pageSize: number): Promise<MessagePage> {
    if (beforeIndex <= 0) return { messages: [], hasOlder: false };
    return this.toPage(await this.requireConversation().getMessages(pageSize, beforeIndex - 1, 'backwards'));
  }

  async sendMessage(body: string): Promise<void> {
    await this.requireConversation().sendMessage(body);
  }

  async sendMedia(files: OutgoingFile[], body?: string): Promise<void> {
    let builder = this.requireConversation().prepareMessage();
    if (body !== undefined && body !== '') builder = builder.setBody(body);
    for (const file of files) builder = builder.addMedia({ contentType: file.contentType, filename: file.name, media: file.data });
    await builder.buildAndSend();
  }

  typing(): void {
    // The SDK throttles typing signals itself; a failed signal is not worth reporting.
    this.conversation?.typing().catch(() => undefined);
  }

  async markRead(index: number): Promise<void> {
    await this.requireConversation().advanceLastReadMessageIndex(index);
  }

  async getMediaUrl(media: ChatMedia): Promise<string> {
    const sdkMedia = this.media.get(media.sid);
    if (sdkMedia === undefined) throw new Error(`Unknown media ${media.sid}`);
    const url = await sdkMedia.getContentTemporaryUrl();
    if (url === null) throw new Error(`No URL for media ${media.sid}`);
    return url;
  }

  async updateToken(token: string): Promise<void> {
    await this.client?.updateToken(token);
  }

  async disconnect(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.events.clear();
    const client = this.client;
    this.client = null;
    this.conversation = null;
    await client?.shutdown();
  }

  private requireConversation(): SdkConversation {
    if (this.conversation === null) throw new Error('Not connected');
    return this.conversation;
  }

  private listenToClient(client: SdkClient): void {
    const handlers: Partial<SdkClientEvents> = {
      connectionStateChanged: (state) => this.events.emit('connectionState', mapConnectionState(state)),
      tokenAboutToExpire: () => this.events.emit('tokenAboutToExpire', undefined),
      tokenExpired: () => this.events.emit('tokenExpired', undefined),
    };
    this.subscribe(client, handlers);
  }

  private listenToConversation(conversation: SdkConversation): void {
    const handlers: Partial<SdkConversationEvents> = {
      messageAdded: (message) => this.events.emit('messageAdded', this.toMessage(message)),
      messageUpdated: ({ message }) => this.events.emit('messageUpdated', this.toMessage(message)),
      messageRemoved: (message) => this.events.emit('messageRemoved', { sid: message.sid }),
      participantJoined: (participant) => {
        void this.describe(participant).then((p) => this.events.emit('participantJoined', p));
      },
      participantUpdated: ({ participant }) => {
        void this.describe(participant).then((p) => this.events.emit('participantUpdated', p));
      },
      participantLeft: (participant) => this.events.emit('participantLeft', this.toParticipant(participant)),
      typingStarted: (participant) => this.events.emit('typingStarted', this.toParticipant(participant)),
      typingEnded: (participant) => this.events.emit('typingEnded', this.toParticipant(participant)),
      updated: ({ conversation: updated, updateReasons }) => {
        if (updateReasons.includes('state')) this.events.emit('conversationStateChanged', conversationState(updated));
      },
    };
    this.subscribe(conversation, handlers);
  }

  private subscribe<Events>(emitter: SdkEmitter<Events>, handlers: Partial<Events>): void {
    // Each handler was type-checked against its event in `handlers`; looping over them needs the
    // overloads seen as one signature, which TypeScript cannot derive for a generic Events.
    type Loose = (event: keyof Events, listener: Events[keyof Events]) => unknown;
    const on = emitter.on as unknown as Loose;
    const off = emitter.removeListener as unknown as Loose;
    for (const event of Object.keys(handlers) as Array<keyof Events>) {
      const handler = handlers[event];
      if (handler === undefined) continue;
      on.call(emitter, event, handler);
      this.cleanups.push(() => off.call(emitter, event, handler));
    }
  }

  /** Participant with its display name: participant attributes first (Flex may set one), then the user's. */
  private async describe(participant: SdkParticipant): Promise<ChatParticipant> {
    if (!this.names.has(participant.sid)) {
      const fromAttributes = record(participant.attributes).friendlyName;
      let name = typeof fromAttributes === 'string' && fromAttributes.trim() !== '' ? fromAttributes : null;
      if (name === null) {
        try {
          name = (await participant.getUser()).friendlyName;
        } catch {
          // Non-chat participants (SMS, WhatsApp) have no user; they are shown with the default name.
        }
      }
      this.names.set(participant.sid, name);
    }
    return this.toParticipant(participant);
  }

  private toParticipant(participant: SdkParticipant): ChatParticipant {
    return {
      sid: participant.sid,
      identity: participant.identity ?? '',
      friendlyName: this.names.get(participant.sid) ?? null,
      attributes: record(participant.attributes),
      lastReadMessageIndex: participant.lastReadMessageIndex,
    };
  }

  private toMessage(message: SdkMessage): ChatMessage {
    const media = message.attachedMedia ?? [];
    for (const item of media) this.media.set(item.sid, item);
    return {
      sid: message.sid,
      index: message.index,
      author: message.author ?? '',
      body: message.body ?? '',
      dateCreated: message.dateCreated ?? new Date(0),
      media: media.map((item) => ({
        sid: item.sid,
        filename: item.filename ?? 'file',
        contentType: item.contentType,
        size: item.size,
      })),
      attributes: record(message.attributes),
    };
  }

  private toPage(page: SdkPaginator<SdkMessage>): MessagePage {
    const messages = page.items.map((message) => this.toMessage(message)).sort((a, b) => a.index - b.index);
    return { messages, hasOlder: page.hasPrevPage };
  }
}
