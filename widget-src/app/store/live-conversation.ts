/**
 * What the open conversation does to the state: its events (messages, participants, typing, the
 * connection's ups and downs as a banner), read marking while the visitor looks, and its end,
 * whether the conversation closed or the backend refused to renew the session.
 */
import { isOlderHistory, type ChatMessage, type ChatTransport, type ConnectionState, type ConversationSnapshot, type ConversationState, type Unsubscribe } from '../../transport/chat-transport';
import type { AppConfig } from '../settings/app-config';
import { EMPTY_CHAT, type Banner, type ChatState, type SessionStore, type StateAccess } from './chat-state';
import type { Clock } from './clock';
import type { Connection, Live } from './connection';
import { mergeMessages, openedPatch, participantLeft, participantUpserted } from './conversation-updates';
import { endedBy } from './end-chat';
import { isChatEvent } from './chat-events';
import { t } from '../i18n/translate';

const RESTORED_BANNER_MS = 4_000;

/** What the conversation needs of the store's dependencies. */
export interface LiveConversationDeps {
  sessions: SessionStore;
  config: Pick<AppConfig, 'fields'>;
}

export class LiveConversation {
  #attention = false;
  #wasConnected = false;
  #lastMarkedRead = -1;
  #cancelBannerTimer: (() => void) | null = null;
  readonly #state: StateAccess;
  readonly #connection: Connection;
  readonly #sessions: SessionStore;
  readonly #clock: Clock;
  readonly #fields: AppConfig['fields'];

  constructor(state: StateAccess, connection: Connection, clock: Clock, { sessions, config }: LiveConversationDeps) {
    this.#state = state;
    this.#connection = connection;
    this.#clock = clock;
    this.#sessions = sessions;
    this.#fields = config.fields;
  }

  /** Forgets what belonged to the previous connection. */
  reset(): void {
    this.#cancelBannerTimer?.();
    this.#cancelBannerTimer = null;
    this.#wasConnected = false;
    this.#lastMarkedRead = -1;
  }

  /** Shows the open conversation; `resumed` when it came from a saved session (its history may hold unseen messages). */
  opened(snapshot: ConversationSnapshot, resumed: boolean): void {
    const patch = openedPatch(this.#state.get(), snapshot, resumed, this.#fields);
    this.#wasConnected = true;
    this.#state.set(patch);
    if (snapshot.state === 'closed') {
      this.#sessions.clear();
      this.#connection.stopRenewing();
      return;
    }
    if (this.#attention) this.#markLatestRead();
    this.#connection.keepTokenFresh();
  }

  /**
   * Tells whether the visitor is looking at the newest messages (panel open, list scrolled to the
   * bottom, tab visible). Only then are messages marked read.
   */
  setAttention(active: boolean): void {
    this.#attention = active;
    if (active) {
      this.#markLatestRead();
    } else if (this.#state.get().unreadCount === 0 && this.#state.get().firstUnreadIndex !== null) {
      // The visitor saw what the marker pointed at: the next absence starts a fresh marker.
      this.#state.set({ firstUnreadIndex: null });
    }
  }

  listen(transport: ChatTransport, live: Live): Unsubscribe[] {
    const patch = (change: (current: ChatState) => Partial<ChatState>): void => this.#state.set(change(this.#state.get()));
    return [
      transport.on('connectionState', live((connection) => this.#onConnectionState(connection))),
      transport.on('messageAdded', live((message) => this.#onMessageAdded(message))),
      transport.on('messageUpdated', live((message) => patch((s) => ({ messages: mergeMessages(s.messages, [message]) })))),
      transport.on('messageRemoved', live(({ sid }) => patch((s) => ({ messages: s.messages.filter((m) => m.sid !== sid) })))),
      transport.on('participantJoined', live((participant) => patch((s) => participantUpserted(s, participant)))),
      transport.on('participantUpdated', live((participant) => patch((s) => participantUpserted(s, participant)))),
      transport.on('participantLeft', live((participant) => patch((s) => participantLeft(s, participant)))),
      transport.on('typingStarted', live((participant) => {
        const { identity, typing } = this.#state.get();
        if (participant.identity === identity || typing.includes(participant.identity)) return;
        this.#state.set({ typing: [...typing, participant.identity] });
      })),
      transport.on('typingEnded', live((participant) => patch((s) => ({ typing: s.typing.filter((identity) => identity !== participant.identity) })))),
      transport.on('conversationStateChanged', live((conversationState) => this.#onConversationState(conversationState))),
      // Removed from the conversation (or it was deleted): for this visitor the chat has ended.
      transport.on('removed', live(() => this.#onConversationState('closed'))),
    ];
  }

  /** The backend refused to renew the token: this chat is over for this browser. */
  sessionLost(code: string): void {
    this.#sessions.clear();
    const { phase } = this.#state.get();
    const inChat = phase === 'chat' || phase === 'ended';
    if (code === 'CONVERSATION_CLOSED' && inChat) {
      this.#onConversationState('closed');
      void this.#connection.stop();
      return;
    }
    this.#connection.forget();
    if (!inChat) {
      // Resuming failed: back to a clean form, saying why.
      this.reset();
      void this.#connection.close();
      this.#state.set({ ...EMPTY_CHAT, phase: 'form', notice: t(code === 'CONVERSATION_CLOSED' ? 'previousEnded' : 'previousLost') });
      return;
    }
    void this.#connection.stop();
    this.#state.set({ phase: 'failed', failure: { message: t('expired'), canRetry: false }, banner: null, typing: [] });
  }

  #onConnectionState(connection: ConnectionState): void {
    this.#cancelBannerTimer?.();
    this.#cancelBannerTimer = null;
    const previous = this.#state.get().connection;
    let banner: Banner;
    if (connection === 'connected') {
      banner = this.#wasConnected && previous !== 'connected' && previous !== null ? 'restored' : null;
      this.#wasConnected = true;
      if (banner === 'restored') {
        this.#cancelBannerTimer = this.#clock.setTimeout(() => {
          if (this.#state.get().banner === 'restored') this.#state.set({ banner: null });
        }, RESTORED_BANNER_MS);
      }
    } else if (connection === 'connecting') {
      banner = this.#wasConnected ? 'reconnecting' : 'connecting';
    } else if (connection === 'reconnecting') {
      banner = 'reconnecting';
    } else if (connection === 'disconnected') {
      banner = 'offline';
    } else {
      // 'denied': the token was refused. A new one usually fixes it; the refresh decides otherwise.
      banner = 'reconnecting';
      this.#connection.renewToken();
    }
    this.#state.set({ connection, banner });
  }

  #onMessageAdded(message: ChatMessage): void {
    const current = this.#state.get();
    if (isOlderHistory({ messages: current.messages, hasOlder: current.hasOlder }, message)) return;
    const messages = mergeMessages(current.messages, [message]);
    // Not news to the visitor: nothing to mark, count or announce.
    if (isChatEvent(message)) {
      this.#state.set({ messages });
      return;
    }
    const typing = current.typing.filter((identity) => identity !== message.author);
    if (message.author === current.identity) {
      this.#state.set({ messages, typing, firstUnreadIndex: null });
      return;
    }
    if (this.#attention) {
      this.#state.set({ messages, typing });
      this.#markLatestRead();
      return;
    }
    this.#state.set({ messages, typing, unreadCount: current.unreadCount + 1, firstUnreadIndex: current.firstUnreadIndex ?? message.index });
  }

  #onConversationState(conversationState: ConversationState): void {
    if (conversationState !== 'closed') {
      this.#state.set({ conversationState });
      return;
    }
    this.#sessions.clear();
    this.#connection.stopRenewing();
    // Already ended (the backend answered the visitor's end first): who ended it is known, and a
    // late close or removal must not recount it before the end notice has arrived.
    if (this.#state.get().phase === 'ended') {
      this.#state.set({ conversationState });
      return;
    }
    this.#state.set({ conversationState, phase: 'ended', endedBy: endedBy(this.#state.get()), endStatus: null, typing: [], attachments: [], sending: false });
  }

  #markLatestRead(): void {
    const { messages, unreadCount } = this.#state.get();
    const last = messages[messages.length - 1];
    if (unreadCount !== 0) this.#state.set({ unreadCount: 0 });
    const transport = this.#connection.transport;
    if (last === undefined || last.index <= this.#lastMarkedRead || transport === null || this.#state.get().phase !== 'chat') return;
    this.#lastMarkedRead = last.index;
    transport.markRead(last.index).catch(() => {
      // Retried with the next message or the next time the visitor looks.
      this.#lastMarkedRead = -1;
    });
  }
}
