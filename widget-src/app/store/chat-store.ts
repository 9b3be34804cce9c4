/**
 * The chat's state and everything that changes it, with no knowledge of the UI: components read
 * `getState()` through one hook and call the methods below. Tested without any DOM
 * (tests/unit/widget-store.test.ts).
 */
import { isApiError } from '../../api/api-error';
import type { CaptchaDescription } from '../../../contract/api';
import type { WebchatApi } from '../../api/client';
import {
  isOlderHistory,
  type ChatMedia,
  type ChatMessage,
  type ChatParticipant,
  type ChatSession,
  type ChatTransport,
  type ConnectionState,
  type ConversationSnapshot,
  type ConversationState,
  type Unsubscribe,
} from '../../transport/chat-transport';
import type { AppConfig } from '../settings/app-config';
import { checkFiles, type PendingFile } from '../attachments/check-files';
import { formData, validateForm } from '../form/validate-form';

/** Where the visitor is in the journey. */
export type Phase = 'idle' | 'form' | 'submitting' | 'connecting' | 'chat' | 'ended' | 'failed';

/** What the connection banner says; null hides it. */
export type Banner = 'connecting' | 'reconnecting' | 'restored' | 'offline' | null;

/** A blocking problem and whether "Try again" can fix it (otherwise only "Start new chat" can). */
export interface Failure {
  message: string;
  canRetry: boolean;
}

export interface ChatState {
  phase: Phase;
  formValues: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** A problem with the whole form submission (not one field). */
  formError: string | null;
  /** Information shown above the form, e.g. that an old chat could not be resumed. */
  notice: string | null;
  /** The site's captcha, once known; null when it has none. */
  captcha: CaptchaDescription | null;
  /** The visitor's solved captcha, used by the next start (each one is good once). */
  captchaToken: string | null;
  /** Bumped when a token was used, so the captcha shows afresh. */
  captchaRound: number;
  failure: Failure | null;
  identity: string | null;
  connection: ConnectionState | null;
  banner: Banner;
  conversationState: ConversationState | null;
  /** Oldest first, unique by sid. */
  messages: ChatMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
  participants: ChatParticipant[];
  /** Friendly names of everyone seen in this conversation (kept after they leave). */
  knownNames: Record<string, string | null>;
  /** Identities of others currently typing. */
  typing: string[];
  /** Highest message index that someone other than the visitor has read. */
  othersReadIndex: number | null;
  /** Index of the first message the visitor has not seen: where the "New messages" marker goes. */
  firstUnreadIndex: number | null;
  unreadCount: number;
  attachments: PendingFile[];
  attachmentErrors: string[];
  sending: boolean;
  sendError: string | null;
}

/** Where the session is kept between page loads. */
export interface SessionStore {
  load(): ChatSession | null;
  save(session: ChatSession): void;
  clear(): void;
}

export interface Clock {
  now(): number;
  /** Returns a function that cancels the timer. */
  setTimeout(callback: () => void, ms: number): () => void;
}

export interface StoreDeps {
  config: AppConfig;
  api: WebchatApi;
  createTransport(session: ChatSession): Promise<ChatTransport>;
  sessions: SessionStore;
  clock?: Clock;
}

/** Messages fetched per "load older" page. */
export const PAGE_SIZE = 30;
/** Refresh this long before the token expires (the SDK warns about 3 minutes ahead). */
const REFRESH_LEAD_MS = 120_000;
const RESTORED_BANNER_MS = 4_000;
/**
 * Never refresh more often than this. The visitor's clock may be far off the server's; without a
 * floor, a token that "expires" on arrival by the local clock would be refreshed in a tight loop.
 */
const MIN_REFRESH_INTERVAL_MS = 30_000;
/** Longest setTimeout delay browsers honour (2^31 - 1 ms). */
const MAX_DELAY_MS = 2_147_483_647;

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const id = setTimeout(callback, Math.min(Math.max(ms, 0), MAX_DELAY_MS));
    return () => clearTimeout(id);
  },
};

const EMPTY_CHAT = {
  identity: null,
  connection: null,
  banner: null,
  conversationState: null,
  messages: [],
  hasOlder: false,
  loadingOlder: false,
  olderFailed: false,
  participants: [],
  knownNames: {},
  typing: [],
  othersReadIndex: null,
  firstUnreadIndex: null,
  unreadCount: 0,
  attachments: [],
  attachmentErrors: [],
  sending: false,
  sendError: null,
} satisfies Partial<ChatState>;

/** The visitor-facing sentence for a failed `initWebchat`. */
function startErrorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong while starting the chat. Please try again.';
  switch (error.code) {
    case 'NETWORK_ERROR':
      return 'We could not reach the chat service. Check your connection and try again.';
    case 'ORIGIN_NOT_ALLOWED':
      return 'Chat is not available on this website. Please contact us another way.';
    case 'PAYLOAD_TOO_LARGE':
      return 'What you entered is too long. Please shorten it and try again.';
    case 'QUESTION_NOT_DELIVERED':
      return 'Your question could not be delivered. Please try again.';
    case 'TOO_MANY_CHATS':
    case 'CAPTCHA_FAILED':
      return error.message;
    case 'INVALID_FIELD':
    case 'INVALID_REQUEST':
      return error.message;
    default:
      return 'The chat could not be started right now. Please try again in a moment.';
  }
}

function byIndex(a: ChatMessage, b: ChatMessage): number {
  return a.index - b.index;
}

/** Adds or replaces messages by sid, keeping index order. */
function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySid = new Map(current.map((message) => [message.sid, message]));
  for (const message of incoming) bySid.set(message.sid, message);
  return [...bySid.values()].sort(byIndex);
}

/** Lifetime of an Access Token from its own `iat`/`exp` claims (server time), or null when unreadable. */
export function tokenLifetimeMs(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof json !== 'object' || json === null) return null;
    const { iat, exp } = json as { iat?: unknown; exp?: unknown };
    return typeof iat === 'number' && typeof exp === 'number' && exp > iat ? (exp - iat) * 1000 : null;
  } catch {
    return null;
  }
}

let fileCounter = 0;

/** The UI-agnostic chat store. */
export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly clock: Clock;
  private session: ChatSession | null = null;
  private transport: ChatTransport | null = null;
  private unsubscribers: Unsubscribe[] = [];
  /** Bumped whenever a connection is replaced: late events and answers of older ones are ignored. */
  private generation = 0;
  private resumed = false;
  private attention = false;
  private wasConnected = false;
  private lastMarkedRead = -1;
  private refreshing: Promise<void> | null = null;
  /** Local time at which the current token arrived from our backend; null for a token loaded from storage. */
  private tokenReceivedAt: number | null = null;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  private cancelRefreshTimer: (() => void) | null = null;
  private cancelBannerTimer: (() => void) | null = null;

  constructor(private readonly deps: StoreDeps) {
    this.clock = deps.clock ?? systemClock;
    this.state = {
      ...EMPTY_CHAT,
      phase: 'idle',
      formValues: { ...deps.config.prefill },
      fieldErrors: {},
      formError: null,
      notice: null,
      captcha: null,
      captchaToken: null,
      captchaRound: 0,
      failure: null,
    };
  }

  getState(): ChatState {
    return this.state;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<ChatState>): void {
    // The form is on screen: solve the start challenge while the visitor types.
    if (patch.phase === 'form' && this.state.phase !== 'form') this.prepareStart();
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private prepareStart(): void {
    this.deps.api.prepareStart().then(
      (captcha) => {
        if (captcha !== null) this.set({ captcha });
      },
      // Nothing to show yet: submitting asks again and reports what went wrong.
      () => undefined,
    );
  }

  setCaptchaToken(captchaToken: string | null): void {
    this.set({ captchaToken, formError: null });
  }

  /** Resumes a saved chat, starts one straight away for prefilled visitors who skip the form, or shows the form. */
  async start(): Promise<void> {
    if (this.state.phase !== 'idle') return;
    const saved = this.deps.sessions.load();
    if (saved !== null) {
      this.resumed = true;
      this.tokenReceivedAt = null;
      await this.connect(saved);
      return;
    }
    this.set({ phase: 'form' });
    const { fields, prefill, skipForm } = this.deps.config;
    if (skipForm && Object.keys(validateForm(fields, prefill)).length === 0) await this.submit();
  }

  setField(name: string, value: string): void {
    const fieldErrors = { ...this.state.fieldErrors };
    delete fieldErrors[name];
    this.set({ formValues: { ...this.state.formValues, [name]: value }, fieldErrors });
  }

  /** Validates and submits the form. Resolves false when the form is invalid or the backend refused it. */
  async submit(): Promise<boolean> {
    if (this.state.phase !== 'form') return false;
    const { fields } = this.deps.config;
    const fieldErrors = validateForm(fields, this.state.formValues);
    if (Object.keys(fieldErrors).length > 0) {
      this.set({ fieldErrors, formError: null });
      return false;
    }
    const { captcha, captchaToken } = this.state;
    if (captcha !== null && captchaToken === null) {
      this.set({ formError: 'Please confirm you are not a robot first.' });
      return false;
    }
    this.set({ phase: 'submitting', fieldErrors: {}, formError: null });
    let session: ChatSession;
    try {
      session = await this.deps.api.initWebchat(formData(fields, this.state.formValues), captchaToken ?? undefined);
    } catch (error) {
      if (captchaToken !== null) this.set({ captchaToken: null, captchaRound: this.state.captchaRound + 1 });
      const field = isApiError(error) ? error.field : undefined;
      if (field !== undefined && fields.some((f) => f.name === field) && isApiError(error)) {
        this.set({ phase: 'form', fieldErrors: { [field]: error.message } });
      } else {
        this.set({ phase: 'form', formError: startErrorMessage(error) });
      }
      return false;
    }
    // Written only now, once a chat exists (issue 3): a visitor who never starts one leaves no trace.
    this.deps.sessions.save(session);
    this.tokenReceivedAt = this.clock.now();
    this.resumed = false;
    this.set({ notice: null });
    await this.connect(session);
    return true;
  }

  /** "Try again" after a failure. */
  async retry(): Promise<void> {
    if (this.state.phase !== 'failed') return;
    if (this.session === null || !this.state.failure?.canRetry) {
      await this.startNew();
      return;
    }
    await this.connect(this.session);
  }

  /** Tears the old conversation down and shows a fresh form (keeping what the visitor typed about themselves). */
  async startNew(): Promise<void> {
    this.deps.sessions.clear();
    this.session = null;
    this.resumed = false;
    await this.teardown();
    const formValues = { ...this.deps.config.prefill, ...this.state.formValues };
    delete formValues.query;
    this.set({ ...EMPTY_CHAT, phase: 'form', formValues, fieldErrors: {}, formError: null, notice: null, failure: null });
  }

  /**
   * Tells the store whether the visitor is looking at the newest messages (panel open, list
   * scrolled to the bottom, tab visible). Only then are messages marked read.
   */
  setAttention(active: boolean): void {
    this.attention = active;
    if (active) {
      this.markLatestRead();
    } else if (this.state.unreadCount === 0 && this.state.firstUnreadIndex !== null) {
      // The visitor saw what the marker pointed at: the next absence starts a fresh marker.
      this.set({ firstUnreadIndex: null });
    }
  }

  /** Loads the page of messages before the oldest one shown. */
  async loadOlder(): Promise<void> {
    const { hasOlder, loadingOlder, messages } = this.state;
    const first = messages[0];
    if (!hasOlder || loadingOlder || first === undefined || this.transport === null) return;
    const generation = this.generation;
    this.set({ loadingOlder: true, olderFailed: false });
    try {
      const page = await this.transport.getMessagesBefore(first.index, PAGE_SIZE);
      if (generation !== this.generation) return;
      this.set({ messages: mergeMessages(this.state.messages, page.messages), hasOlder: page.hasOlder, loadingOlder: false });
    } catch {
      if (generation === this.generation) this.set({ loadingOlder: false, olderFailed: true });
    }
  }

  /** Adds picked, dropped or pasted files after checking type, size and count. */
  addFiles(files: Array<Blob & { name: string }>): void {
    const { accepted, errors } = checkFiles(this.deps.config.attachments, this.state.attachments.length, files);
    const added: PendingFile[] = accepted.map((file) => ({
      id: `file-${(fileCounter += 1)}`,
      name: file.name,
      size: file.size,
      contentType: file.type || 'application/octet-stream',
      data: file,
    }));
    this.set({ attachments: [...this.state.attachments, ...added], attachmentErrors: errors, sendError: null });
  }

  removeFile(id: string): void {
    this.set({ attachments: this.state.attachments.filter((file) => file.id !== id), attachmentErrors: [] });
  }

  /** True when the composer may send (connected to an open conversation). */
  canSend(): boolean {
    return this.state.phase === 'chat' && this.state.connection === 'connected' && this.transport !== null;
  }

  /** Sends the text and any pending files. Resolves true when sent, so the composer can clear itself. */
  async send(text: string): Promise<boolean> {
    const body = text.trim();
    const files = this.state.attachments;
    if ((body === '' && files.length === 0) || this.state.sending || !this.canSend() || this.transport === null) return false;
    if (body.length > this.deps.config.maxMessageLength) {
      this.set({ sendError: `Messages can be at most ${this.deps.config.maxMessageLength} characters.` });
      return false;
    }
    const generation = this.generation;
    this.set({ sending: true, sendError: null, attachmentErrors: [] });
    try {
      if (files.length > 0) {
        await this.transport.sendMedia(
          files.map((file) => ({ name: file.name, contentType: file.contentType, data: file.data })),
          body === '' ? undefined : body,
        );
      } else {
        await this.transport.sendMessage(body);
      }
      if (generation !== this.generation) return false;
      this.set({ sending: false, attachments: [], firstUnreadIndex: null });
      return true;
    } catch {
      if (generation === this.generation) {
        this.set({ sending: false, sendError: 'Your message was not sent. Check your connection and try again.' });
      }
      return false;
    }
  }

  /** Called on every keystroke in the composer. */
  typing(): void {
    if (this.canSend()) this.transport?.typing();
  }

  /** A short-lived download URL for a received or sent file. */
  async getMediaUrl(media: ChatMedia): Promise<string> {
    if (this.transport === null) throw new Error('Not connected');
    return this.transport.getMediaUrl(media);
  }

  /** Disconnects and stops all timers; the store is unusable afterwards. */
  async destroy(): Promise<void> {
    this.listeners.clear();
    await this.teardown();
  }

  // --- connection -------------------------------------------------------------------------

  private async teardown(): Promise<void> {
    this.generation += 1;
    this.cancelRefreshTimer?.();
    this.cancelBannerTimer?.();
    this.cancelRefreshTimer = null;
    this.cancelBannerTimer = null;
    this.refreshing = null;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    const transport = this.transport;
    this.transport = null;
    this.wasConnected = false;
    this.lastMarkedRead = -1;
    if (transport !== null) {
      try {
        await transport.disconnect();
      } catch {
        // Already gone: nothing left to release.
      }
    }
  }

  private async connect(session: ChatSession): Promise<void> {
    await this.teardown();
    const generation = this.generation;
    this.session = session;
    this.set({ ...EMPTY_CHAT, phase: 'connecting', banner: 'connecting', failure: null, identity: session.identity });

    // A stored token that has expired is renewed before use (the backend accepts it inside its
    // grace window). A token that just came from the backend is used as is, whatever our clock says.
    if (this.tokenReceivedAt === null && Date.parse(session.expiration) - this.clock.now() < REFRESH_LEAD_MS) {
      if (!(await this.refreshOrFail(generation))) return;
    }

    let snapshot = await this.openTransport(generation);
    if (snapshot === 'stale') return;
    if (snapshot === null) {
      // Refused: the token may be stale. A refresh also tells us if the chat still exists.
      if (!(await this.refreshOrFail(generation))) return;
      snapshot = await this.openTransport(generation);
      if (snapshot === 'stale') return;
      if (snapshot === null) {
        this.fail(generation, 'We could not connect to the chat. Check your connection and try again.', true);
        return;
      }
    }
    this.applySnapshot(snapshot);
  }

  /** Creates and connects a transport for the current session; null when that failed. */
  private async openTransport(generation: number): Promise<ConversationSnapshot | null | 'stale'> {
    const session = this.session;
    if (session === null) return 'stale';
    let transport: ChatTransport;
    try {
      transport = await this.deps.createTransport(session);
    } catch {
      if (generation === this.generation) this.fail(generation, 'The chat could not be loaded. Check your connection and try again.', true);
      return 'stale';
    }
    if (generation !== this.generation) {
      void transport.disconnect().catch(() => undefined);
      return 'stale';
    }
    this.transport = transport;
    this.listen(transport, generation);
    try {
      const snapshot = await transport.connect();
      return generation === this.generation ? snapshot : 'stale';
    } catch {
      if (generation !== this.generation) return 'stale';
      for (const unsubscribe of this.unsubscribers) unsubscribe();
      this.unsubscribers = [];
      this.transport = null;
      void transport.disconnect().catch(() => undefined);
      return null;
    }
  }

  private applySnapshot(snapshot: ConversationSnapshot): void {
    const me = this.state.identity;
    // Events the transport emitted between handing over the snapshot and now are newer than it.
    const messages = mergeMessages(snapshot.latest.messages, this.state.messages);
    const participants = [...snapshot.participants.filter((p) => !this.state.participants.some((q) => q.sid === p.sid)), ...this.state.participants];
    const myRead = participants.find((p) => p.identity === me)?.lastReadMessageIndex ?? null;
    // Only a resumed chat has history the visitor may have missed; a new one starts read.
    const unseen = this.resumed ? messages.filter((m) => m.author !== me && m.index > (myRead ?? -1)) : [];
    const closed = snapshot.state === 'closed';
    this.wasConnected = true;
    this.set({
      formValues: { ...this.preEngagementValues(snapshot.attributes), ...this.state.formValues },
      phase: closed ? 'ended' : 'chat',
      conversationState: snapshot.state,
      connection: 'connected',
      banner: null,
      messages,
      hasOlder: snapshot.latest.hasOlder,
      participants,
      knownNames: { ...this.state.knownNames, ...Object.fromEntries(participants.map((p) => [p.identity, p.friendlyName])) },
      othersReadIndex: this.othersRead(participants),
      firstUnreadIndex: unseen[0]?.index ?? null,
      unreadCount: unseen.length,
    });
    if (closed) {
      this.deps.sessions.clear();
      this.cancelRefreshTimer?.();
      return;
    }
    if (this.attention) this.markLatestRead();
    this.scheduleRefresh(this.generation);
  }

  /**
   * What the visitor told us about themselves, read back from the conversation (Flex keeps the
   * form in `pre_engagement_data`), so "Start new chat" after a reload is prefilled without us
   * storing personal data in the browser. The question is left out: a new chat needs a new one.
   */
  private preEngagementValues(attributes: Record<string, unknown>): Record<string, string> {
    let data: unknown = attributes.pre_engagement_data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        return {};
      }
    }
    if (typeof data !== 'object' || data === null) return {};
    const values: Record<string, string> = {};
    for (const field of this.deps.config.fields) {
      const value = (data as Record<string, unknown>)[field.name];
      if (field.name !== 'query' && typeof value === 'string') values[field.name] = value;
    }
    return values;
  }

  private listen(transport: ChatTransport, generation: number): void {
    const live = <T>(handler: (payload: T) => void) => (payload: T) => {
      if (generation === this.generation) handler(payload);
    };
    this.unsubscribers = [
      transport.on('connectionState', live((state) => this.onConnectionState(state))),
      transport.on('messageAdded', live((message) => this.onMessageAdded(message))),
      transport.on('messageUpdated', live((message) => this.set({ messages: mergeMessages(this.state.messages, [message]) }))),
      transport.on('messageRemoved', live(({ sid }) => this.set({ messages: this.state.messages.filter((m) => m.sid !== sid) }))),
      transport.on('participantJoined', live((participant) => this.upsertParticipant(participant))),
      transport.on('participantUpdated', live((participant) => this.upsertParticipant(participant))),
      transport.on('participantLeft', live((participant) => {
        const participants = this.state.participants.filter((p) => p.sid !== participant.sid);
        this.set({
          participants,
          typing: this.state.typing.filter((identity) => identity !== participant.identity),
          othersReadIndex: this.othersRead(participants),
        });
      })),
      transport.on('typingStarted', live((participant) => {
        if (participant.identity === this.state.identity || this.state.typing.includes(participant.identity)) return;
        this.set({ typing: [...this.state.typing, participant.identity] });
      })),
      transport.on('typingEnded', live((participant) => {
        this.set({ typing: this.state.typing.filter((identity) => identity !== participant.identity) });
      })),
      transport.on('conversationStateChanged', live((state) => this.onConversationState(state))),
      // Removed from the conversation (or it was deleted): for this visitor the chat has ended.
      transport.on('removed', live(() => this.onConversationState('closed'))),
      transport.on('tokenAboutToExpire', live(() => {
        // A transport judging expiry by a skewed local clock would warn again right after each refresh.
        if (this.clock.now() - this.lastRefreshAt >= MIN_REFRESH_INTERVAL_MS) void this.refreshInBackground(generation, 0);
      })),
      transport.on('tokenExpired', live(() => void this.refreshInBackground(generation, 0))),
    ];
  }

  private onConnectionState(connection: ConnectionState): void {
    this.cancelBannerTimer?.();
    this.cancelBannerTimer = null;
    let banner: Banner = this.state.banner;
    if (connection === 'connected') {
      banner = this.wasConnected && this.state.connection !== 'connected' && this.state.connection !== null ? 'restored' : null;
      this.wasConnected = true;
      if (banner === 'restored') {
        this.cancelBannerTimer = this.clock.setTimeout(() => {
          if (this.state.banner === 'restored') this.set({ banner: null });
        }, RESTORED_BANNER_MS);
      }
    } else if (connection === 'connecting') {
      banner = this.wasConnected ? 'reconnecting' : 'connecting';
    } else if (connection === 'reconnecting') {
      banner = 'reconnecting';
    } else if (connection === 'disconnected') {
      banner = 'offline';
    } else {
      // 'denied': the token was refused. A new one usually fixes it; the refresh decides otherwise.
      banner = 'reconnecting';
      void this.refreshInBackground(this.generation, 0);
    }
    this.set({ connection, banner });
  }

  private onMessageAdded(message: ChatMessage): void {
    if (isOlderHistory({ messages: this.state.messages, hasOlder: this.state.hasOlder }, message)) return;
    const messages = mergeMessages(this.state.messages, [message]);
    const typing = this.state.typing.filter((identity) => identity !== message.author);
    if (message.author === this.state.identity) {
      this.set({ messages, typing, firstUnreadIndex: null });
      return;
    }
    if (this.attention) {
      this.set({ messages, typing });
      this.markLatestRead();
      return;
    }
    this.set({
      messages,
      typing,
      unreadCount: this.state.unreadCount + 1,
      firstUnreadIndex: this.state.firstUnreadIndex ?? message.index,
    });
  }

  private onConversationState(state: ConversationState): void {
    if (state !== 'closed') {
      this.set({ conversationState: state });
      return;
    }
    this.deps.sessions.clear();
    this.cancelRefreshTimer?.();
    this.set({ conversationState: state, phase: 'ended', typing: [], attachments: [], sending: false });
  }

  private upsertParticipant(participant: ChatParticipant): void {
    const others = this.state.participants.filter((p) => p.sid !== participant.sid);
    const participants = [...others, participant];
    const known = this.state.knownNames[participant.identity];
    this.set({
      participants,
      // A later update without a name must not erase one we already know.
      knownNames: { ...this.state.knownNames, [participant.identity]: participant.friendlyName ?? known ?? null },
      othersReadIndex: this.othersRead(participants),
    });
  }

  private othersRead(participants: ChatParticipant[]): number | null {
    let highest: number | null = null;
    for (const p of participants) {
      if (p.identity !== this.state.identity && p.lastReadMessageIndex !== null) {
        highest = Math.max(highest ?? -1, p.lastReadMessageIndex);
      }
    }
    return highest;
  }

  private markLatestRead(): void {
    const last = this.state.messages[this.state.messages.length - 1];
    if (this.state.unreadCount !== 0) this.set({ unreadCount: 0 });
    if (last === undefined || last.index <= this.lastMarkedRead || this.transport === null || this.state.phase !== 'chat') return;
    this.lastMarkedRead = last.index;
    this.transport.markRead(last.index).catch(() => {
      // Retried with the next message or the next time the visitor looks.
      this.lastMarkedRead = -1;
    });
  }

  private fail(generation: number, message: string, canRetry: boolean): void {
    if (generation !== this.generation) return;
    this.set({ phase: 'failed', failure: { message, canRetry }, banner: null, sending: false });
  }

  // --- tokens -------------------------------------------------------------------------------

  private scheduleRefresh(generation: number): void {
    this.cancelRefreshTimer?.();
    const session = this.session;
    if (session === null) return;
    const now = this.clock.now();
    // Prefer the token's own lifetime counted from its arrival: immune to a wrong local clock.
    const lifetime = this.tokenReceivedAt === null ? null : tokenLifetimeMs(session.token);
    const remaining =
      lifetime !== null && this.tokenReceivedAt !== null
        ? lifetime - (now - this.tokenReceivedAt)
        : Date.parse(session.expiration) - now;
    const delay = Math.max(remaining - REFRESH_LEAD_MS, MIN_REFRESH_INTERVAL_MS);
    this.cancelRefreshTimer = this.clock.setTimeout(() => void this.refreshInBackground(generation, 0), delay);
  }

  /** One refresh at a time: the transport's warning, our timer and a 'denied' state can coincide. */
  private refreshToken(generation: number): Promise<void> {
    this.refreshing ??= (async () => {
      const session = this.session;
      if (session === null) return;
      const fresh = await this.deps.api.refreshToken(session.token, session.conversationSid);
      if (generation !== this.generation) return;
      this.lastRefreshAt = this.clock.now();
      this.tokenReceivedAt = this.lastRefreshAt;
      this.session = { ...session, token: fresh.token, expiration: fresh.expiration };
      this.deps.sessions.save(this.session);
      await this.transport?.updateToken(fresh.token);
      this.scheduleRefresh(generation);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Refresh during start-up: on a refusal the chat cannot be resumed and the form comes back. */
  private async refreshOrFail(generation: number): Promise<boolean> {
    try {
      await this.refreshToken(generation);
      return generation === this.generation;
    } catch (error) {
      if (generation !== this.generation) return false;
      if (isApiError(error) && !error.retryable) this.sessionLost(error.code);
      else this.fail(generation, 'We could not reconnect to your chat. Check your connection and try again.', true);
      return false;
    }
  }

  private async refreshInBackground(generation: number, attempt: number): Promise<void> {
    try {
      await this.refreshToken(generation);
    } catch (error) {
      if (generation !== this.generation || this.state.phase === 'ended') return;
      if (isApiError(error) && !error.retryable) {
        this.sessionLost(error.code);
        return;
      }
      // Offline or a backend hiccup: try again with backoff, the current token may still be valid.
      const delay = Math.min(5_000 * 2 ** attempt, 60_000);
      this.cancelRefreshTimer?.();
      this.cancelRefreshTimer = this.clock.setTimeout(() => void this.refreshInBackground(generation, attempt + 1), delay);
    }
  }

  /** The backend refused to renew the token: this chat is over for this browser. */
  private sessionLost(code: string): void {
    this.deps.sessions.clear();
    const inChat = this.state.phase === 'chat' || this.state.phase === 'ended';
    if (code === 'CONVERSATION_CLOSED' && inChat) {
      this.onConversationState('closed');
      void this.stopTransport();
      return;
    }
    if (!inChat) {
      // Resuming failed: back to a clean form, saying why.
      this.session = null;
      void this.teardown();
      this.set({
        ...EMPTY_CHAT,
        phase: 'form',
        notice:
          code === 'CONVERSATION_CLOSED'
            ? 'Your previous chat has ended. You can start a new one below.'
            : 'We could not resume your previous chat. You can start a new one below.',
      });
      return;
    }
    this.session = null;
    void this.stopTransport();
    this.set({
      phase: 'failed',
      failure: { message: 'Your chat session has expired. Start a new chat to continue.', canRetry: false },
      banner: null,
      typing: [],
    });
  }

  /** Disconnects but keeps the transcript on screen. */
  private async stopTransport(): Promise<void> {
    const transport = this.transport;
    this.transport = null;
    this.cancelRefreshTimer?.();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    await transport?.disconnect().catch(() => undefined);
  }
}
