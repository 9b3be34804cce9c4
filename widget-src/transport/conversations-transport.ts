/**
 * ChatTransport on the official `@twilio/conversations` SDK, the only transport (in production,
 * locally against the emulator's WebSocket, in every test), reached only through sdk-types.ts.
 *
 * What the SDK does that shapes this class (see scripts/emulator/realtime/sdk-protocol.md):
 * - client events (token expiry, denied, connection errors) can fire before `initialized`, and a
 *   non-terminal `initFailed` means it is still retrying, so listeners go on at construction;
 * - `messageAdded` can fire while the first page loads, so conversation events are listened to
 *   before loading and folded into the snapshot;
 * - it drops `messageAdded` for messages a query fetched first (new-messages.ts): new messages are
 *   read only through `messagesAfter`, which tells them, as after every reconnect;
 * - `shutdown()` waits for initialisation and, offline, `updateToken` for the connection: bounded
 *   here. Not `sendMessage`: the SDK gives up by itself; giving up sooner risks posting twice.
 * Mapping the SDK's objects is in sdk-mapping.ts, participants' names in participant-directory.ts,
 * the client's start, its token and the bounds on waits in sdk-client-lifecycle.ts.
 */
import type { ChatMedia, ChatMessage, ChatSession, ChatTransport, ChatTransportEvents, ConversationSnapshot, MessagePage, OutgoingFile, Unsubscribe } from './chat-transport';
import { KeyedQueue } from './keyed-queue';
import { ParticipantDirectory } from './participant-directory';
import { DEFAULT_LIMITS, renewToken, untilInitialized, type TransportLimits } from './sdk-client-lifecycle';
import { NewMessages } from './new-messages';
import { MessageMapper, conversationState, mapConnectionState, record, within } from './sdk-mapping';
import {
  createSdkClient,
  listenTo,
  type SdkClient,
  type SdkClientEvents,
  type SdkConversation,
  type SdkConversationEvents,
  type SdkParticipant,
} from './sdk-types';
import { foldIntoSnapshot, type SnapshotEvent } from './snapshot-fold';
import { TransportError } from './transport-error';
import { TypedEmitter } from './typed-emitter';

/** Messages per page when the chat opens. */
const FIRST_PAGE_SIZE = 30;

/** Chat over Twilio Conversations with the token from `initWebchat`. */
export class ConversationsTransport implements ChatTransport {
  private readonly events = new TypedEmitter<ChatTransportEvents>();
  private client: SdkClient | null = null;
  private conversation: SdkConversation | null = null;
  private readonly messages = new MessageMapper();
  private readonly directory = new ParticipantDirectory();
  private readonly participantEvents = new KeyedQueue();
  private readonly fresh = new NewMessages((payload) => this.deliver({ name: 'messageAdded', payload }));
  /** Conversation events held back while the first snapshot loads; null once it is out. */
  private held: SnapshotEvent[] | null = null;
  private readonly cleanups: Array<() => void> = [];
  /** Rejects a pending `connect()` when the transport is shut down. */
  private abortConnect: ((error: TransportError) => void) | null = null;
  private closed = false;
  private initialized = false;
  /** Twilio ended the connection for an expired token; until it is back, that is not "offline". */
  private renewing = false;

  constructor(
    private readonly session: ChatSession,
    private readonly clientFactory: (token: string, transport: ChatSession['transport']) => SdkClient = createSdkClient,
    private readonly limits: TransportLimits = DEFAULT_LIMITS,
  ) {}

  on<K extends keyof ChatTransportEvents>(event: K, listener: (payload: ChatTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  async connect(): Promise<ConversationSnapshot> {
    if (this.client !== null) throw new Error('connect() may be called once');
    const aborted = new Promise<never>((_, reject) => {
      this.abortConnect = reject;
    });
    const client = this.clientFactory(this.session.token, this.session.transport);
    this.client = client;
    const { ready, unlisten } = untilInitialized(client, () => (this.initialized = true));
    this.cleanups.push(...unlisten);
    this.listenToClient(client);
    const loading = ready.then(() => this.load(client));
    try {
      return await within(Promise.race([loading, aborted]), this.limits.connectMs, 'connecting to the chat');
    } finally {
      this.abortConnect = null;
      // Whatever lost the race must not surface later as an unhandled rejection.
      loading.catch(() => undefined);
      aborted.catch(() => undefined);
    }
  }

  /** Opens the conversation: listens first, then loads, so nothing that happens meanwhile is lost. */
  private async load(client: SdkClient): Promise<ConversationSnapshot> {
    const conversation = await client.getConversationBySid(this.session.conversationSid);
    if (this.closed) throw new TransportError('disconnected', 'The chat was closed while connecting.');
    this.conversation = conversation;
    this.held = [];
    this.listenToConversation(conversation);
    const [participants, page] = await Promise.all([conversation.getParticipants(), conversation.getMessages(FIRST_PAGE_SIZE)]);
    const described = await Promise.all(participants.map((p) => this.directory.describe(p)));
    // Participant events queued behind the lookups above belong in the snapshot too.
    await this.participantEvents.idle();
    const held = this.held;
    this.held = null;
    const snapshot = foldIntoSnapshot(
      { state: conversationState(conversation), participants: described, latest: this.messages.toPage(page), attributes: record(conversation.attributes) },
      held,
    );
    this.fresh.loaded(snapshot.latest.messages);
    return snapshot;
  }

  async getMessagesBefore(beforeIndex: number, pageSize: number): Promise<MessagePage> {
    if (beforeIndex <= 0) return { messages: [], hasOlder: false };
    return this.messages.toPage(await this.requireConversation().getMessages(pageSize, beforeIndex - 1, 'backwards'));
  }

  /** Tells the new messages it reads (new-messages.ts); older pages hold none. */
  messagesAfter(index: number): Promise<ChatMessage[]> {
    return this.fresh.after(index, (before, size) => this.getMessagesBefore(before, size));
  }

  async sendMessage(body: string, attributes: Record<string, string>): Promise<void> {
    await this.requireConversation().sendMessage(body, attributes);
  }

  async sendMedia(file: OutgoingFile): Promise<void> {
    const builder = this.requireConversation().prepareMessage().addMedia({ contentType: file.contentType, filename: file.name, media: file.data });
    await within(builder.buildAndSend(), this.limits.mediaMs, 'sending a file');
  }

  typing(): void {
    // The SDK throttles typing signals itself; a failed signal is not worth reporting.
    this.conversation?.typing().catch(() => undefined);
  }

  async markRead(index: number): Promise<void> {
    await this.requireConversation().advanceLastReadMessageIndex(index);
  }

  async getMediaUrl(media: ChatMedia): Promise<string> {
    const sdkMedia = this.messages.mediaFor(media.sid);
    if (sdkMedia === undefined) throw new TransportError('media-unavailable', `Unknown media ${media.sid}`);
    const url = await sdkMedia.getContentTemporaryUrl();
    if (url === null) throw new TransportError('media-unavailable', `No URL for media ${media.sid}`);
    return url;
  }

  async updateToken(token: string): Promise<void> {
    // A client refused at start-up cannot take a new token (the SDK has no services yet): the
    // pending connect() fails with 'denied' and the next transport gets the new token.
    const client = this.client;
    if (client === null || !this.initialized) return;
    await within(renewToken(client, token), this.limits.operationMs, 'renewing the chat token');
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    this.abortConnect?.(new TransportError('disconnected', 'The chat was closed while connecting.'));
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.events.clear();
    const client = this.client;
    this.conversation = null;
    if (client === null) return;
    // A slow or failed shutdown leaves nothing for the visitor to do: the transport is gone either way.
    await within(client.shutdown(), this.limits.shutdownMs, 'shutting the chat client down').catch(() => undefined);
  }

  private requireConversation(): SdkConversation {
    if (this.conversation === null) throw new TransportError('disconnected', 'Not connected');
    return this.conversation;
  }

  private listenToClient(client: SdkClient): void {
    const ours = (conversation: { sid: string }): boolean => conversation.sid === this.session.conversationSid;
    this.cleanups.push(...listenTo<SdkClientEvents>(client, {
      connectionStateChanged: (state) => {
        if (state === 'connected') this.renewing = false;
        // Back after a drop: whatever the SDK's cache did meanwhile, page in what is new.
        // A failure means the connection went again: the next one pages again.
        if (state === 'connected' && this.conversation !== null && this.held === null) this.messagesAfter(this.fresh.newest).catch(() => undefined);
        const mapped = mapConnectionState(state);
        if (mapped !== null) this.events.emit('connectionState', this.renewing && mapped === 'disconnected' ? 'reconnecting' : mapped);
      },
      tokenAboutToExpire: () => this.events.emit('tokenAboutToExpire', undefined),
      tokenExpired: () => {
        this.renewing = this.initialized;
        this.events.emit('tokenExpired', undefined);
      },
      conversationLeft: (conversation) => {
        if (ours(conversation)) this.events.emit('removed', undefined);
      },
      conversationRemoved: (conversation) => {
        if (ours(conversation)) this.events.emit('removed', undefined);
      },
      userUpdated: ({ user, updateReasons }) => {
        if (!updateReasons.includes('friendlyName')) return;
        for (const participant of this.directory.rename(user.identity, user.friendlyName)) {
          this.participantEvents.run(participant.sid, () => {
            const payload = this.directory.renamed(participant);
            if (payload !== null) this.deliver({ name: 'participantUpdated', payload });
          });
        }
      },
    }));
  }

  private listenToConversation(conversation: SdkConversation): void {
    const inOrder = (participant: SdkParticipant, task: () => Promise<void> | void): void => this.participantEvents.run(participant.sid, task);
    this.cleanups.push(...listenTo<SdkConversationEvents>(conversation, {
      messageAdded: (message) => this.fresh.tell([this.messages.toMessage(message)]),
      messageUpdated: ({ message }) => this.deliver({ name: 'messageUpdated', payload: this.messages.toMessage(message) }),
      messageRemoved: (message) => this.deliver({ name: 'messageRemoved', payload: { sid: message.sid } }),
      participantJoined: (participant) =>
        inOrder(participant, async () => this.deliver({ name: 'participantJoined', payload: await this.directory.describe(participant) })),
      participantUpdated: ({ participant }) =>
        inOrder(participant, async () => this.deliver({ name: 'participantUpdated', payload: await this.directory.describe(participant) })),
      participantLeft: (participant) =>
        inOrder(participant, () => {
          this.directory.forget(participant);
          this.deliver({ name: 'participantLeft', payload: this.directory.toParticipant(participant) });
        }),
      typingStarted: (participant) =>
        inOrder(participant, () => {
          if (this.held === null) this.events.emit('typingStarted', this.directory.toParticipant(participant));
        }),
      typingEnded: (participant) =>
        inOrder(participant, () => {
          if (this.held === null) this.events.emit('typingEnded', this.directory.toParticipant(participant));
        }),
      updated: ({ conversation: updated, updateReasons }) => {
        if (updateReasons.includes('state')) this.deliver({ name: 'conversationStateChanged', payload: conversationState(updated) });
      },
    }));
  }

  /** Emits a conversation event, or holds it for the snapshot while that is still loading. */
  private deliver(event: SnapshotEvent): void {
    if (this.held !== null) {
      this.held.push(event);
      return;
    }
    (this.events.emit as (name: SnapshotEvent['name'], payload: SnapshotEvent['payload']) => void)(event.name, event.payload);
  }
}
