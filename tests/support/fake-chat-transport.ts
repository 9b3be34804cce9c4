/**
 * An in-memory ChatTransport for widget unit tests: records what the store asks for and lets the
 * test emit transport events as the SDK or the emulator would.
 */
import type {
  ChatMedia,
  ChatMessage,
  ChatParticipant,
  ChatSession,
  ChatTransport,
  ChatTransportEvents,
  ConversationSnapshot,
  MessagePage,
  OutgoingFile,
  Unsubscribe,
} from '../../widget-src/transport/chat-transport';
import { TypedEmitter } from '../../widget-src/transport/typed-emitter';

export const VISITOR = 'visitor-identity-1';
export const AGENT = 'agent-identity-7';

export function message(index: number, author: string, body: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    sid: `IM${index}`,
    index,
    author,
    body,
    dateCreated: new Date(Date.UTC(2026, 10, 25, 9, index)),
    media: [],
    attributes: {},
    ...extra,
  };
}

export function participant(identity: string, friendlyName: string | null, lastRead: number | null = null): ChatParticipant {
  return { sid: `MB-${identity}`, identity, friendlyName, attributes: {}, lastReadMessageIndex: lastRead };
}

export function session(overrides: Partial<ChatSession> = {}): ChatSession {
  return {
    token: 'token-1',
    conversationSid: 'CH00000000000000000000000000000001',
    identity: VISITOR,
    expiration: new Date(Date.now() + 3_600_000).toISOString(),
    transport: { websocketUri: 'ws://127.0.0.1:1/v3/wsconnect' },
    ...overrides,
  };
}

export class FakeChatTransport implements ChatTransport {
  readonly events = new TypedEmitter<ChatTransportEvents>();
  readonly sent: Array<{ body?: string; files?: OutgoingFile[]; attributes?: Record<string, string> }> = [];
  readonly read: number[] = [];
  readonly tokens: string[] = [];
  typingCalls = 0;
  disconnected = false;
  connectError: Error | null = null;
  sendError: Error | null = null;
  older: MessagePage = { messages: [], hasOlder: false };

  constructor(
    readonly session: ChatSession,
    public snapshot: ConversationSnapshot = {
      state: 'active',
      participants: [participant(VISITOR, 'Jane')],
      latest: { messages: [message(0, VISITOR, 'I need help'), message(1, 'Concierge', 'Welcome Jane!')], hasOlder: false },
      attributes: {},
    },
  ) {}

  emit<K extends keyof ChatTransportEvents>(event: K, payload: ChatTransportEvents[K]): void {
    this.events.emit(event, payload);
  }

  on<K extends keyof ChatTransportEvents>(event: K, listener: (payload: ChatTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  async connect(): Promise<ConversationSnapshot> {
    if (this.connectError !== null) throw this.connectError;
    return this.snapshot;
  }

  async getMessagesBefore(beforeIndex: number, pageSize: number): Promise<MessagePage> {
    return { messages: this.older.messages.filter((m) => m.index < beforeIndex).slice(-pageSize), hasOlder: this.older.hasOlder };
  }

  /** The snapshot's messages after `index` (the store's tests never page new messages). */
  async messagesAfter(index: number): Promise<ChatMessage[]> {
    return this.snapshot.latest.messages.filter((m) => m.index > index);
  }

  async sendMessage(body: string, attributes: Record<string, string>): Promise<void> {
    if (this.sendError !== null) throw this.sendError;
    this.sent.push({ body, attributes });
  }

  async sendMedia(file: OutgoingFile): Promise<void> {
    if (this.sendError !== null) throw this.sendError;
    this.sent.push({ files: [file] });
  }

  typing(): void {
    this.typingCalls += 1;
  }

  async markRead(index: number): Promise<void> {
    this.read.push(index);
  }

  async getMediaUrl(media: ChatMedia): Promise<string> {
    return `https://media.example.com/${media.sid}`;
  }

  async updateToken(token: string): Promise<void> {
    this.tokens.push(token);
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }
}
