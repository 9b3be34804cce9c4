/**
 * The chat's state and everything that changes it, with no knowledge of the UI: components read
 * `getState()` through one hook and call the methods below. The connection and its token live in
 * connection.ts and token-refresh.ts; how events change the state, in conversation-updates.ts;
 * paging back, in older-messages.ts; files, in file-sending.ts (chat-view chunk).
 * Tested without any DOM (tests/unit/widget-store-*.test.ts). Members here and in the store's parts
 * are `#private`: private at run time too, and short once minified (the app chunk has a size budget).
 */
import { isApiError } from '../../api/api-error';
import type { WebchatApi } from '../../api/client';
import type { Availability } from '../../../contract/contact-center-api';
import { WidgetError } from '../../errors';
import type { ChatMedia, ChatSession, ChatTransport } from '../../transport/chat-transport';
import type { StartForm } from '../form/start-form-chunk';
import type { AppConfig } from '../settings/app-config';
import { EMPTY_CHAT, type ChatState, type StateAccess } from './chat-state';
import { systemClock, type Clock } from './clock';
import { Connection, type ConnectionDeps } from './connection';
import { endChat } from './end-chat';
import type { FileAccess } from './file-sending';
import { LiveConversation } from './live-conversation';
import { loadOlder } from './older-messages';
import { t } from '../i18n/translate';

export interface StoreDeps extends ConnectionDeps {
  config: AppConfig;
  /** The form's rules and texts, which the app loads as a chunk of its own when the form shows (form/load-start-form.ts). */
  startForm: () => Promise<StartForm>;
  /** Whether a chat can start, from the deployment's settings (webchatConfig); none means open. */
  availability?: Availability | null;
  clock?: Clock;
}

/** The UI-agnostic chat store. */
export class ChatStore {
  #state: ChatState;
  readonly #listeners = new Set<() => void>();
  readonly #connection: Connection;
  readonly #live: LiveConversation;
  /** Whether the chat came from a saved session rather than the form. */
  #resumed = false;
  readonly #deps: StoreDeps;
  /** The state as the store's parts read and change it. */
  readonly #access: StateAccess = { get: () => this.#state, set: (patch) => this.#set(patch) };

  constructor(deps: StoreDeps) {
    this.#deps = deps;
    const clock = deps.clock ?? systemClock;
    this.#connection = new Connection(deps, clock, {
      connecting: (session) => this.#set({ ...EMPTY_CHAT, phase: 'connecting', banner: 'connecting', failure: null, identity: session.identity }),
      listen: (transport, live) => this.#live.listen(transport, live),
      opened: (snapshot) => this.#live.opened(snapshot, this.#resumed),
      failed: (message, canRetry) => this.#set({ phase: 'failed', failure: { message, canRetry }, banner: null, sending: false }),
      refused: (code) => this.#live.sessionLost(code),
      ended: () => this.#state.phase === 'ended',
    });
    this.#live = new LiveConversation(this.#access, this.#connection, clock, deps);
    this.#state = {
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
      availability: null,
    };
  }

  getState(): ChatState {
    return this.#state;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(patch: Partial<ChatState>): void {
    // The form is on screen: solve the start challenge while the visitor types.
    if (patch.phase === 'form' && this.#state.phase !== 'form') this.#prepareStart();
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }

  #prepareStart(): void {
    this.#deps.api.prepareStart().then(
      (captcha) => {
        if (captcha !== null) this.#set({ captcha });
      },
      // Nothing to show yet: submitting asks again and reports what went wrong.
      () => undefined,
    );
  }

  setCaptchaToken(captchaToken: string | null): void {
    this.#set({ captchaToken, formError: null });
  }

  /** Resumes a saved chat, starts one straight away for prefilled visitors who skip the form, or shows the form. */
  async start(): Promise<void> {
    if (this.#state.phase !== 'idle') return;
    const { sessions, api } = this.#deps;
    // A signed-in visitor's open chat is the one they left on any device; else none (whatever this browser held).
    // When that cannot be asked, the chat this browser saved goes on: a sign-out would have removed it.
    // Asked only for a signed-in visitor: an anonymous one gets the form in this very task (the first paint).
    const own = this.#deps.config.signedIn ? await api.signedInChat().catch(() => undefined) : undefined;
    if (own === null) sessions.clear();
    if (own) sessions.save(own);
    if (this.#state.phase !== 'idle') return;
    const saved = sessions.load();
    if (saved !== null) {
      this.#resumed = true;
      await this.#connect(saved, false);
      return;
    }
    // Closed: said before the visitor types anything; a chat under way above is resumed whatever the hour.
    const { availability } = this.#deps;
    if (availability?.open === false) return this.#set({ phase: 'closed', availability });
    this.#set({ phase: 'form' });
    const { fields, prefill, skipForm } = this.#deps.config;
    // Without the rules the form stays, and submitting it says what went wrong.
    const rules = skipForm ? await this.#deps.startForm().catch(() => null) : null;
    if (rules !== null && Object.keys(rules.validateForm(fields, prefill)).length === 0) await this.submit();
  }

  setField(name: string, value: string): void {
    const fieldErrors = { ...this.#state.fieldErrors };
    delete fieldErrors[name];
    this.#set({ formValues: { ...this.#state.formValues, [name]: value }, fieldErrors });
  }

  /** Validates and submits the form. Resolves false when the form is invalid or the backend refused it. */
  async submit(): Promise<boolean> {
    if (this.#state.phase !== 'form') return false;
    // Rules that cannot be had are said on the form; another submit may have gone ahead meanwhile.
    const rules = await this.#deps.startForm().catch(() => void this.#set({ formError: t('startError') }));
    if (rules === undefined || this.#state.phase !== 'form') return false;
    const { fields } = this.#deps.config;
    const fieldErrors = rules.validateForm(fields, this.#state.formValues);
    if (Object.keys(fieldErrors).length > 0) {
      this.#set({ fieldErrors, formError: null });
      return false;
    }
    const { captcha, captchaToken } = this.#state;
    if (captcha !== null && captchaToken === null) {
      this.#set({ formError: t('captchaFirst') });
      return false;
    }
    this.#set({ phase: 'submitting', fieldErrors: {}, formError: null });
    let session: ChatSession;
    try {
      session = await this.#deps.api.initWebchat(rules.formData(fields, this.#state.formValues), captchaToken ?? undefined, this.#deps.config.locale);
    } catch (error) {
      if (captchaToken !== null) this.#set({ captchaToken: null, captchaRound: this.#state.captchaRound + 1 });
      // Closed since the settings were read: the message form, with what the visitor wrote kept.
      if (isApiError(error) && error.availability !== undefined) {
        this.#set({ phase: 'closed', availability: error.availability });
        return false;
      }
      const field = isApiError(error) ? error.field : undefined;
      if (field !== undefined && fields.some((f) => f.name === field) && isApiError(error)) {
        this.#set({ phase: 'form', fieldErrors: { [field]: error.message } });
      } else {
        this.#set({ phase: 'form', formError: rules.startErrorMessage(error) });
      }
      return false;
    }
    // Written only now, once a chat exists: a visitor who never starts one leaves no trace.
    this.#deps.sessions.save(session);
    this.#resumed = false;
    this.#set({ notice: null });
    await this.#connect(session, true);
    return true;
  }

  /** "Try again" after a failure. */
  async retry(): Promise<void> {
    if (this.#state.phase !== 'failed') return;
    const { session } = this.#connection;
    if (session === null || !this.#state.failure?.canRetry) {
      await this.startNew();
      return;
    }
    await this.#connect(session);
  }

  /** Tears the old conversation down and shows a fresh form (keeping what the visitor typed about themselves). */
  async startNew(): Promise<void> {
    this.#deps.sessions.clear();
    this.#connection.forget();
    this.#resumed = false;
    await this.#teardown();
    const formValues = { ...this.#deps.config.prefill, ...this.#state.formValues };
    delete formValues.query;
    this.#set({ ...EMPTY_CHAT, phase: 'form', formValues, fieldErrors: {}, formError: null, notice: null, failure: null });
  }

  /** The visitor signed out: their chat goes on without this browser, and the form shows empty. */
  async signOut(): Promise<void> {
    await this.startNew();
    this.#set({ formValues: {} });
  }

  /**
   * Tells the store whether the visitor is looking at the newest messages (panel open, list
   * scrolled to the bottom, tab visible). Only then are messages marked read.
   */
  setAttention(active: boolean): void {
    this.#live.setAttention(active);
  }

  /** Loads the page of messages before the oldest one shown. */
  loadOlder(): Promise<void> {
    return loadOlder(this.#access, this.#connection);
  }

  /** True when the composer may send (connected to an open conversation). */
  canSend(): boolean {
    return this.#state.phase === 'chat' && this.#state.connection === 'connected' && this.#connection.transport !== null;
  }

  /** The transport while the composer may send: text goes out through the outbox (chat-view chunk). */
  get link(): ChatTransport | null {
    return this.canSend() ? this.#connection.transport : null;
  }

  /** What picking and sending files needs (file-sending.ts, in the chat-view chunk). */
  get files(): FileAccess {
    return { state: this.#access, connection: this.#connection, attachments: this.#deps.config.attachments, link: this.link };
  }

  /** Ends the chat for everyone (`endedBy: 'visitor'`); resolves true once it is closed. */
  endChat(): Promise<boolean> {
    return endChat(this.#access, this.#connection, this.#deps);
  }

  /** The page is in view again: a new token cuts the SDK's growing wait (up to 2 minutes) between reconnects short. */
  reconnect(): void {
    if (this.#state.phase === 'chat' && this.#state.connection !== 'connected') this.#connection.renewToken();
  }

  /** Called on every keystroke in the composer. */
  typing(): void {
    if (this.canSend()) this.#connection.transport?.typing();
  }

  /** A short-lived download URL for a received or sent file. */
  async getMediaUrl(media: ChatMedia): Promise<string> {
    const { transport } = this.#connection;
    if (transport === null) throw new WidgetError('NOT_CONNECTED', 'Not connected');
    return transport.getMediaUrl(media);
  }

  /** The chat's session and backend, for calls the chat view's chunk makes itself (the transcript email). */
  get backend(): { session: ChatSession | null; api: WebchatApi } {
    return { session: this.#connection.session, api: this.#deps.api };
  }

  /** Disconnects and stops all timers; the store is unusable afterwards. */
  async destroy(): Promise<void> {
    this.#listeners.clear();
    await this.#teardown();
  }

  async #teardown(): Promise<void> {
    this.#live.reset();
    await this.#connection.close();
  }

  /** Replaces the connection; `fresh` says where the session's token came from (see Connection.open). */
  async #connect(session: ChatSession, fresh?: boolean): Promise<void> {
    this.#live.reset();
    await this.#connection.open(session, fresh);
  }
}
