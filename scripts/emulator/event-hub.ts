/**
 * Fans store changes and typing out to the Server-Sent Event streams of each conversation.
 * Every change goes through the store, so a message posted over REST (a test playing the agent
 * with twilio-node) reaches the streams exactly like one sent over the realtime endpoints.
 */
import type { ServerResponse } from 'node:http';
import type { RealtimeEventMap, RealtimeEventName } from './protocol';
import type { EmulatorStore, ParticipantRecord, StoreEvent } from './store';
import { conversationView, messageView, participantView } from './views';

/** Twilio's clients consider someone stopped typing about 5 s after their last keystroke signal. */
const TYPING_TIMEOUT_MS = 5000;
/** Comment lines keep idle streams open through proxies and let clients notice dead connections. */
const HEARTBEAT_MS = 15_000;
/** setTimeout's limit; tokens living longer than ~24 days just never expire a stream. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Connection {
  conversationSid: string;
  identity: string;
  response: ServerResponse;
  timers: NodeJS.Timeout[];
}

export class EventHub {
  private readonly connections = new Set<Connection>();
  /** `conversationSid identity` → timer that ends the typing. */
  private readonly typists = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: EmulatorStore) {
    this.unsubscribe = store.subscribe((event) => this.onStoreEvent(event));
  }

  /** Turns `response` into an event stream for `identity` until the client leaves or the token expires. */
  open(response: ServerResponse, conversationSid: string, identity: string, expiresAtSeconds: number): void {
    const connection: Connection = { conversationSid, identity, response, timers: [] };
    response.write('retry: 2000\n\n');
    this.send(connection, 'ready', { identity });
    connection.timers.push(setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS));
    const untilExpiry = expiresAtSeconds * 1000 - Date.now();
    if (untilExpiry < MAX_TIMER_MS) {
      connection.timers.push(
        setTimeout(() => {
          this.send(connection, 'tokenExpired', {});
          this.end(connection);
        }, Math.max(0, untilExpiry)),
      );
    }
    this.connections.add(connection);
    response.on('close', () => this.forget(connection));
  }

  /** Someone is typing: tell the others now, and that it ended once the signals stop. */
  typing(participant: ParticipantRecord): void {
    if (participant.identity === null) return;
    const key = `${participant.conversationSid} ${participant.identity}`;
    const running = this.typists.get(key);
    if (running) clearTimeout(running);
    else this.broadcast(participant.conversationSid, 'typingStarted', participantView(this.store, participant), participant.identity);
    this.typists.set(
      key,
      setTimeout(() => this.endTyping(participant), TYPING_TIMEOUT_MS),
    );
  }

  /** Ends every stream and forgets typing, e.g. when test state is reset. */
  reset(): void {
    for (const connection of this.connections) this.end(connection);
    for (const timer of this.typists.values()) clearTimeout(timer);
    this.typists.clear();
  }

  close(): void {
    this.reset();
    this.unsubscribe();
  }

  private endTyping(participant: ParticipantRecord): void {
    const key = `${participant.conversationSid} ${participant.identity}`;
    const running = this.typists.get(key);
    if (!running) return;
    clearTimeout(running);
    this.typists.delete(key);
    this.broadcast(participant.conversationSid, 'typingEnded', participantView(this.store, participant), participant.identity ?? undefined);
  }

  private onStoreEvent(event: StoreEvent): void {
    const { store } = this;
    switch (event.type) {
      case 'messageAdded': {
        const author = store.findParticipant(event.message.conversationSid, event.message.author);
        if (author) this.endTyping(author);
        this.broadcast(event.message.conversationSid, 'messageAdded', messageView(store, event.message));
        break;
      }
      case 'messageUpdated':
        this.broadcast(event.message.conversationSid, 'messageUpdated', messageView(store, event.message));
        break;
      case 'messageRemoved':
        this.broadcast(event.message.conversationSid, 'messageRemoved', { sid: event.message.sid, index: event.message.index });
        break;
      case 'participantAdded':
        this.broadcast(event.participant.conversationSid, 'participantJoined', participantView(store, event.participant));
        break;
      case 'participantUpdated':
        this.broadcast(event.participant.conversationSid, 'participantUpdated', participantView(store, event.participant));
        break;
      case 'participantRemoved': {
        const { conversationSid, identity } = event.participant;
        this.endTyping(event.participant);
        this.broadcast(conversationSid, 'participantLeft', participantView(store, event.participant));
        // Someone who left the conversation no longer receives it, as with Twilio.
        for (const connection of this.connections) {
          if (connection.conversationSid === conversationSid && connection.identity === identity) this.end(connection);
        }
        break;
      }
      case 'conversationUpdated':
        this.broadcast(event.conversation.sid, 'conversationUpdated', conversationView(event.conversation));
        break;
      case 'conversationRemoved':
        this.broadcast(event.conversation.sid, 'conversationRemoved', { sid: event.conversation.sid });
        for (const connection of this.connections) if (connection.conversationSid === event.conversation.sid) this.end(connection);
        break;
      case 'userUpdated':
        // A renamed user renames its participants everywhere (the visitor sees the agent's new name).
        for (const conversation of store.listConversations()) {
          const participant = store.findParticipant(conversation.sid, event.user.identity);
          if (participant) this.broadcast(conversation.sid, 'participantUpdated', participantView(store, participant));
        }
        break;
    }
  }

  /** Sends to every stream of the conversation, except those of `exceptIdentity` (nobody sees their own typing). */
  private broadcast<K extends RealtimeEventName>(conversationSid: string, name: K, data: RealtimeEventMap[K], exceptIdentity?: string): void {
    for (const connection of this.connections) {
      if (connection.conversationSid === conversationSid && connection.identity !== exceptIdentity) this.send(connection, name, data);
    }
  }

  private send<K extends RealtimeEventName>(connection: Connection, name: K, data: RealtimeEventMap[K]): void {
    connection.response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private end(connection: Connection): void {
    this.forget(connection);
    connection.response.end();
  }

  private forget(connection: Connection): void {
    for (const timer of connection.timers) clearTimeout(timer);
    this.connections.delete(connection);
  }
}
