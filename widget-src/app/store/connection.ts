/**
 * The connection lifecycle: one transport at a time for the current session. Opening renews a
 * stored token that is about to lapse first, and renews once more when the transport refuses the
 * token (the refresh also tells whether the chat still exists). Replacing the transport bumps the
 * generation, so late events and answers of an older one are ignored.
 */
import { isApiError } from '../../api/api-error';
import type { WebchatApi } from '../../api/client';
import type { ChatSession, ChatTransport, ConversationSnapshot, Unsubscribe } from '../../transport/chat-transport';
import type { SessionStore } from './chat-state';
import type { Clock } from './clock';
import { TokenRefresher } from './token-refresh';
import { t } from '../i18n/translate';

/** Wraps an event handler so that it runs only while its connection is the current one. */
export type Live = <T>(handler: (payload: T) => void) => (payload: T) => void;

/** What the connection tells the store. */
export interface ConnectionHost {
  /** A connection for `session` starts. */
  connecting(session: ChatSession): void;
  /** Wires the store to the transport's conversation events, each through `live`. */
  listen(transport: ChatTransport, live: Live): Unsubscribe[];
  opened(snapshot: ConversationSnapshot): void;
  /** The connection cannot go on; `canRetry` says whether "Try again" may fix it. */
  failed(message: string, canRetry: boolean): void;
  /** The backend refused to renew the token (`code` says why): the chat is over for this browser. */
  refused(code: string): void;
  /** True once the chat has ended, when a failed token refresh no longer matters. */
  ended(): boolean;
}

export interface ConnectionDeps {
  api: WebchatApi;
  createTransport(session: ChatSession): Promise<ChatTransport>;
  sessions: SessionStore;
}

export class Connection {
  #session: ChatSession | null = null;
  #transport: ChatTransport | null = null;
  #unsubscribers: Unsubscribe[] = [];
  #generation = 0;
  readonly #tokens: TokenRefresher;
  readonly #deps: ConnectionDeps;
  readonly #host: ConnectionHost;

  constructor(deps: ConnectionDeps, clock: Clock, host: ConnectionHost) {
    this.#deps = deps;
    this.#host = host;
    this.#tokens = new TokenRefresher(deps.api, clock, this, host);
  }

  get session(): ChatSession | null {
    return this.#session;
  }

  get transport(): ChatTransport | null {
    return this.#transport;
  }

  /** Changes whenever the transport is replaced: an answer that arrives under another one is stale. */
  get generation(): number {
    return this.#generation;
  }

  isCurrent(generation: number): boolean {
    return generation === this.#generation;
  }

  /** Takes a renewed session: keeps it, saves it and hands its token to the transport. */
  async renewed(session: ChatSession): Promise<void> {
    this.#session = session;
    this.#deps.sessions.save(session);
    await this.#transport?.updateToken(session.token);
  }

  /**
   * Replaces the connection with one for `session`. `fresh`: its token just came from our backend
   * (true) or from storage (false); a retry leaves it out and keeps what was known.
   */
  async open(session: ChatSession, fresh?: boolean): Promise<void> {
    if (fresh !== undefined) this.#tokens.received(fresh);
    await this.close();
    const generation = this.#generation;
    this.#session = session;
    this.#host.connecting(session);
    if (this.#tokens.mustRenewBeforeUse(session) && !(await this.#renewOrFail(generation))) return;

    let snapshot = await this.#openTransport(generation);
    if (snapshot === 'stale') return;
    if (snapshot === null) {
      // Refused: the token may be stale. A refresh also tells us if the chat still exists.
      if (!(await this.#renewOrFail(generation))) return;
      snapshot = await this.#openTransport(generation);
      if (snapshot === 'stale') return;
      if (snapshot === null) {
        this.#fail(generation, t('notConnected'), true);
        return;
      }
    }
    this.#host.opened(snapshot);
  }

  /** Plans the token's next refresh (the conversation is open). */
  keepTokenFresh(): void {
    this.#tokens.schedule(this.#generation);
  }

  /** The token was refused: a new one usually fixes it; the refresh decides otherwise. */
  renewToken(): void {
    this.#tokens.refreshNow(this.#generation);
  }

  /** The conversation is over: its token needs no more refreshes. */
  stopRenewing(): void {
    this.#tokens.cancel();
  }

  /** The session is over: nothing reconnects to it. */
  forget(): void {
    this.#session = null;
  }

  /** Closes the transport; events and answers still on their way are ignored. */
  async close(): Promise<void> {
    this.#generation += 1;
    this.#tokens.reset();
    const transport = this.#detach();
    if (transport !== null) {
      try {
        await transport.disconnect();
      } catch {
        // Already gone: nothing left to release.
      }
    }
  }

  /** Disconnects but keeps the transcript on screen. */
  async stop(): Promise<void> {
    this.#tokens.cancel();
    // Nothing to tell the visitor: the transport is being let go either way.
    await this.#detach()?.disconnect().catch(() => undefined);
  }

  #detach(): ChatTransport | null {
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    const transport = this.#transport;
    this.#transport = null;
    return transport;
  }

  /** Creates and connects a transport for the current session; null when that failed. */
  async #openTransport(generation: number): Promise<ConversationSnapshot | null | 'stale'> {
    const session = this.#session;
    if (session === null) return 'stale';
    let transport: ChatTransport;
    try {
      transport = await this.#deps.createTransport(session);
    } catch {
      this.#fail(generation, t('notLoaded'), true);
      return 'stale';
    }
    if (generation !== this.#generation) {
      // A transport nobody uses any more: its disconnect has no one to report to.
      void transport.disconnect().catch(() => undefined);
      return 'stale';
    }
    this.#transport = transport;
    this.#listen(transport, generation);
    try {
      const snapshot = await transport.connect();
      return generation === this.#generation ? snapshot : 'stale';
    } catch {
      if (generation !== this.#generation) return 'stale';
      this.#detach();
      // Refused or failed: the caller renews the token and tries once more, or tells the visitor.
      void transport.disconnect().catch(() => undefined);
      return null;
    }
  }

  #listen(transport: ChatTransport, generation: number): void {
    const live: Live = (handler) => (payload) => {
      if (generation === this.#generation) handler(payload);
    };
    this.#unsubscribers = [
      ...this.#host.listen(transport, live),
      transport.on('tokenAboutToExpire', live(() => this.#tokens.warned(generation))),
      transport.on('tokenExpired', live(() => this.#tokens.refreshNow(generation))),
    ];
  }

  /** A refresh before (re)connecting: on a refusal the chat cannot be resumed. */
  async #renewOrFail(generation: number): Promise<boolean> {
    try {
      await this.#tokens.renew(generation);
      return generation === this.#generation;
    } catch (error) {
      if (generation !== this.#generation) return false;
      if (isApiError(error) && !error.retryable) this.#host.refused(error.code);
      else this.#fail(generation, t('notReconnected'), true);
      return false;
    }
  }

  #fail(generation: number, message: string, canRetry: boolean): void {
    if (generation === this.#generation) this.#host.failed(message, canRetry);
  }
}
