/**
 * ChatTransport over the local emulator's realtime protocol (scripts/emulator/realtime.ts):
 * fetch for actions, one EventSource for pushed events. Local development and tests only.
 */
import type {
  MessagePageView,
  MessageView,
  MediaUrlView,
  ParticipantView,
  ReadRequest,
  RealtimeEventMap,
  SendMessageRequest,
  SnapshotView,
} from '../../scripts/emulator/protocol';
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

/** Like the Conversations SDK: warn this long before the token's `exp`. */
const ABOUT_TO_EXPIRE_MS = 3 * 60 * 1000;
/** At most one typing signal per interval; the server keeps typing on for 5 s after each. */
const TYPING_INTERVAL_MS = 2000;
const SNAPSHOT_PAGE_SIZE = 30;
const MAX_RECONNECT_DELAY_MS = 10_000;
/** setTimeout's limit; longer delays would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Listener<K extends keyof ChatTransportEvents> = (payload: ChatTransportEvents[K]) => void;

export class TransportError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function toMessage(view: MessageView): ChatMessage {
  return { ...view, dateCreated: new Date(view.dateCreated) };
}

function toParticipant(view: ParticipantView): ChatParticipant {
  return { ...view, identity: view.identity ?? '' };
}

function toPage(view: MessagePageView): MessagePage {
  return { messages: view.messages.map(toMessage), hasOlder: view.hasMore };
}

/** `exp` of a JWT in milliseconds; the signature is the server's business. */
function tokenExpiry(token: string): number | undefined {
  try {
    const payload: unknown = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export class EmulatorTransport implements ChatTransport {
  private readonly base: string;
  private token: string;
  private readonly listeners = new Map<keyof ChatTransportEvents, Set<Listener<never>>>();
  private source: EventSource | undefined;
  private state: ConnectionState | undefined;
  private conversationState: ConversationState | undefined;
  private lastIndex = -1;
  private lastTypingAt = 0;
  private reconnectAttempt = 0;
  private tokenTimers: ReturnType<typeof setTimeout>[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private disconnected = false;
  private expiryNotified = false;
  /** Live messages that arrive while missed ones are being fetched; emitted after them, in order. */
  private pending: MessageView[] | undefined;

  constructor(private readonly session: ChatSession) {
    if (session.transport.kind !== 'emulator') throw new Error('EmulatorTransport needs an emulator transport descriptor');
    this.base = `${session.transport.url.replace(/\/$/, '')}/realtime/conversations/${encodeURIComponent(session.conversationSid)}`;
    this.token = session.token;
  }

  on<K extends keyof ChatTransportEvents>(event: K, listener: Listener<K>): Unsubscribe {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }

  async connect(): Promise<ConversationSnapshot> {
    this.setState('connecting');
    let view: SnapshotView;
    try {
      view = await this.call<SnapshotView>('GET', `?pageSize=${SNAPSHOT_PAGE_SIZE}`);
    } catch (error) {
      this.setState(error instanceof TransportError && (error.status === 401 || error.status === 403) ? 'denied' : 'disconnected');
      throw error;
    }
    this.conversationState = view.conversation.state;
    this.lastIndex = view.latest.messages.at(-1)?.index ?? -1;
    this.scheduleTokenEvents();
    this.openStream();
    return {
      state: view.conversation.state,
      participants: view.participants.map(toParticipant),
      latest: toPage(view.latest),
      attributes: view.conversation.attributes,
    };
  }

  async getMessagesBefore(beforeIndex: number, pageSize: number): Promise<MessagePage> {
    return toPage(await this.call<MessagePageView>('GET', `/messages?before=${beforeIndex}&pageSize=${pageSize}`));
  }

  async sendMessage(body: string): Promise<void> {
    await this.call('POST', '/messages', { body } satisfies SendMessageRequest);
  }

  async sendMedia(files: OutgoingFile[], body?: string): Promise<void> {
    const mediaSids: string[] = [];
    for (const file of files) {
      const uploaded = await this.call<{ sid: string }>('POST', `/media?filename=${encodeURIComponent(file.name)}`, file.data, file.contentType);
      mediaSids.push(uploaded.sid);
    }
    const message: SendMessageRequest = body === undefined || body === '' ? { mediaSids } : { body, mediaSids };
    await this.call('POST', '/messages', message);
  }

  typing(): void {
    const now = Date.now();
    if (now - this.lastTypingAt < TYPING_INTERVAL_MS) return;
    this.lastTypingAt = now;
    // Typing is best effort: a lost signal only hides an indicator.
    this.call('POST', '/typing').catch(() => undefined);
  }

  async markRead(index: number): Promise<void> {
    await this.call('POST', '/read', { index } satisfies ReadRequest);
  }

  async getMediaUrl(media: ChatMedia): Promise<string> {
    return (await this.call<MediaUrlView>('GET', `/media/${encodeURIComponent(media.sid)}`)).url;
  }

  async updateToken(token: string): Promise<void> {
    this.token = token;
    this.scheduleTokenEvents();
    // The stream was opened with the old token, and the server ends it when that one expires.
    this.openStream();
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
    this.closeStream();
    this.clearTokenTimers();
    clearTimeout(this.reconnectTimer);
    this.setState('disconnected');
    this.listeners.clear();
  }

  private emit<K extends keyof ChatTransportEvents>(event: K, payload: ChatTransportEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<K>)(payload);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('connectionState', state);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, contentType?: string): Promise<T> {
    const isBlob = body instanceof Blob;
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['Content-Type'] = isBlob ? contentType || 'application/octet-stream' : 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : isBlob ? body : JSON.stringify(body),
    });
    if (!response.ok) {
      const error = (await response.json().catch(() => ({}))) as { code?: number; message?: string };
      throw new TransportError(response.status, error.code, error.message ?? `Emulator answered ${response.status}`);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  private openStream(): void {
    if (this.disconnected) return;
    this.closeStream();
    const source = new EventSource(`${this.base}/events?token=${encodeURIComponent(this.token)}`);
    this.source = source;
    const on = <K extends keyof RealtimeEventMap>(name: K, handle: (data: RealtimeEventMap[K]) => void): void => {
      source.addEventListener(name, (event) => handle(JSON.parse((event as MessageEvent<string>).data) as RealtimeEventMap[K]));
    };
    on('ready', () => void this.resynchronize());
    on('messageAdded', (view) => (this.pending ? this.pending.push(view) : this.addMessage(view)));
    on('messageUpdated', (view) => this.emit('messageUpdated', toMessage(view)));
    on('messageRemoved', ({ sid }) => this.emit('messageRemoved', { sid }));
    on('participantJoined', (view) => this.emit('participantJoined', toParticipant(view)));
    on('participantUpdated', (view) => this.emit('participantUpdated', toParticipant(view)));
    on('participantLeft', (view) => this.emit('participantLeft', toParticipant(view)));
    on('typingStarted', (view) => this.emit('typingStarted', toParticipant(view)));
    on('typingEnded', (view) => this.emit('typingEnded', toParticipant(view)));
    on('conversationUpdated', (view) => this.changeConversationState(view.state));
    on('conversationRemoved', () => this.changeConversationState('closed'));
    on('tokenExpired', () => {
      // Without this the browser would retry with the dead token; updateToken() reopens.
      this.closeStream();
      this.setState('reconnecting');
      this.notifyExpired();
    });
    source.onerror = () => {
      if (this.source !== source) return;
      this.setState('reconnecting');
      // EventSource retries by itself unless the server refused the stream: then ask why.
      if (source.readyState === EventSource.CLOSED) {
        this.call('GET', '?pageSize=1').then(
          () => this.scheduleReconnect(),
          (error: unknown) => this.handleFailure(error),
        );
      }
    };
  }

  /** After (re)opening: fetch what the stream may have missed meanwhile, then report connected. */
  private async resynchronize(): Promise<void> {
    this.pending = [];
    try {
      let page: MessagePageView;
      do {
        page = await this.call<MessagePageView>('GET', `/messages?after=${this.lastIndex}&pageSize=100`);
        for (const view of page.messages) this.addMessage(view);
      } while (page.hasMore);
      this.flushPending();
      const view = await this.call<SnapshotView>('GET', '?pageSize=1');
      for (const participant of view.participants) this.emit('participantUpdated', toParticipant(participant));
      this.changeConversationState(view.conversation.state);
      this.reconnectAttempt = 0;
      this.setState('connected');
    } catch (error) {
      this.flushPending();
      this.handleFailure(error);
    }
  }

  /** 403: no longer a participant, give up. 401: wait for updateToken(). Else: try again later. */
  private handleFailure(error: unknown): void {
    if (error instanceof TransportError && (error.status === 401 || error.status === 403)) {
      this.closeStream();
      this.setState(error.status === 403 ? 'denied' : 'reconnecting');
    } else {
      this.scheduleReconnect();
    }
  }

  private flushPending(): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    for (const view of pending.sort((a, b) => a.index - b.index)) this.addMessage(view);
  }

  private addMessage(view: MessageView): void {
    if (view.index <= this.lastIndex) return;
    this.lastIndex = view.index;
    this.emit('messageAdded', toMessage(view));
  }

  private changeConversationState(state: ConversationState): void {
    if (state === this.conversationState) return;
    this.conversationState = state;
    this.emit('conversationStateChanged', state);
  }

  private scheduleReconnect(): void {
    this.closeStream();
    if (this.disconnected || this.reconnectTimer !== undefined) return;
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, 500 * 2 ** this.reconnectAttempt++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.openStream();
    }, delay);
  }

  private closeStream(): void {
    this.source?.close();
    this.source = undefined;
  }

  private scheduleTokenEvents(): void {
    this.clearTokenTimers();
    this.expiryNotified = false;
    const expiresAt = tokenExpiry(this.token) ?? Date.parse(this.session.expiration);
    if (!Number.isFinite(expiresAt)) return;
    const at = (delay: number, run: () => void): void => {
      if (delay < MAX_TIMER_MS) this.tokenTimers.push(setTimeout(run, Math.max(0, delay)));
    };
    at(expiresAt - ABOUT_TO_EXPIRE_MS - Date.now(), () => this.emit('tokenAboutToExpire', undefined));
    at(expiresAt - Date.now(), () => this.notifyExpired());
  }

  /** Once per token, whether the local clock or the server noticed first. */
  private notifyExpired(): void {
    if (this.expiryNotified) return;
    this.expiryNotified = true;
    this.emit('tokenExpired', undefined);
  }

  private clearTokenTimers(): void {
    for (const timer of this.tokenTimers) clearTimeout(timer);
    this.tokenTimers = [];
  }
}
