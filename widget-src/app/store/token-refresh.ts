/**
 * Keeps the chat's Access Token renewed. One timer schedules every refresh (the one planned before
 * expiry and the retries after a failure), and only `remainingMs` reads the token (its JWT claims)
 * to decide when it expires. The transport's warnings ask for a refresh here too, and one runs at
 * a time: the warning, the timer and a refused connection can coincide.
 */
import { isApiError } from '../../api/api-error';
import type { WebchatApi } from '../../api/client';
import type { ChatSession } from '../../transport/chat-transport';
import type { Clock } from './clock';

/** Refresh this long before the token expires (the SDK warns about 3 minutes ahead). */
const REFRESH_LEAD_MS = 120_000;
/**
 * Never refresh more often than this. The visitor's clock may be far off the server's; without a
 * floor, a token that "expires" on arrival by the local clock would be refreshed in a tight loop.
 */
const MIN_REFRESH_INTERVAL_MS = 30_000;

/** Lifetime of an Access Token from its own `iat`/`exp` claims (server time), or null when unreadable. */
function tokenLifetimeMs(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof json !== 'object' || json === null) return null;
    const { iat, exp } = json as { iat?: unknown; exp?: unknown };
    return typeof iat === 'number' && typeof exp === 'number' && exp > iat ? (exp - iat) * 1000 : null;
  } catch {
    // Not a JWT we can read: the session's `expiration` is used instead.
    return null;
  }
}

/** The connection whose token is kept renewed. */
export interface TokenOwner {
  /** The session whose token is renewed; null when there is none. */
  readonly session: ChatSession | null;
  /** False once the connection that asked has been replaced. */
  isCurrent(generation: number): boolean;
  /** Keeps the renewed session and hands its token to the transport. */
  renewed(session: ChatSession): Promise<void>;
}

/** What the store decides when a refresh cannot help. */
export interface RefreshOutcomes {
  /** The backend refused to renew the token (`code` says why). */
  refused(code: string): void;
  /** True once the chat has ended, when a failed refresh no longer matters. */
  ended(): boolean;
}

export class TokenRefresher {
  #refreshing: Promise<void> | null = null;
  /** Local time at which the current token arrived from our backend; null for a token loaded from storage. */
  #receivedAt: number | null = null;
  #lastRefreshAt = -Infinity;
  #cancelTimer: (() => void) | null = null;
  readonly #api: WebchatApi;
  readonly #clock: Clock;
  readonly #owner: TokenOwner;
  readonly #outcomes: RefreshOutcomes;

  constructor(api: WebchatApi, clock: Clock, owner: TokenOwner, outcomes: RefreshOutcomes) {
    this.#api = api;
    this.#clock = clock;
    this.#owner = owner;
    this.#outcomes = outcomes;
  }

  /** A token arrived: `fresh` from our backend just now, or from storage, of unknown age. */
  received(fresh: boolean): void {
    this.#receivedAt = fresh ? this.#clock.now() : null;
  }

  /**
   * A stored token that has expired is renewed before use (the backend accepts it inside its
   * grace window). A token that just came from the backend is used as is, whatever our clock says.
   */
  mustRenewBeforeUse(session: ChatSession): boolean {
    return this.#receivedAt === null && this.#remainingMs(session) < REFRESH_LEAD_MS;
  }

  /** Plans the next refresh shortly before the token expires. */
  schedule(generation: number): void {
    this.cancel();
    const session = this.#owner.session;
    if (session === null) return;
    const delay = Math.max(this.#remainingMs(session) - REFRESH_LEAD_MS, MIN_REFRESH_INTERVAL_MS);
    this.#cancelTimer = this.#clock.setTimeout(() => void this.#inBackground(generation, 0), delay);
  }

  /** The transport says the token is about to expire. */
  warned(generation: number): void {
    // A transport judging expiry by a skewed local clock would warn again right after each refresh.
    if (this.#clock.now() - this.#lastRefreshAt >= MIN_REFRESH_INTERVAL_MS) this.refreshNow(generation);
  }

  /** Refreshes now, retrying with backoff while the backend cannot be reached. */
  refreshNow(generation: number): void {
    void this.#inBackground(generation, 0);
  }

  /** One refresh, shared by everyone asking while it runs; rejects with the backend's refusal. */
  renew(generation: number): Promise<void> {
    this.#refreshing ??= (async () => {
      const session = this.#owner.session;
      if (session === null) return;
      const fresh = await this.#api.refreshToken(session.token, session.conversationSid);
      if (!this.#owner.isCurrent(generation)) return;
      this.#lastRefreshAt = this.#clock.now();
      this.#receivedAt = this.#lastRefreshAt;
      await this.#owner.renewed({ ...session, token: fresh.token, expiration: fresh.expiration });
      this.schedule(generation);
    })().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  cancel(): void {
    this.#cancelTimer?.();
  }

  /** Forgets the planned and the running refresh: the connection they were for is gone. */
  reset(): void {
    this.cancel();
    this.#cancelTimer = null;
    this.#refreshing = null;
  }

  /** Until the token expires: from its own lifetime counted from its arrival (immune to a wrong local clock) when known. */
  #remainingMs(session: ChatSession): number {
    const now = this.#clock.now();
    const lifetime = this.#receivedAt === null ? null : tokenLifetimeMs(session.token);
    return lifetime !== null && this.#receivedAt !== null ? lifetime - (now - this.#receivedAt) : Date.parse(session.expiration) - now;
  }

  async #inBackground(generation: number, attempt: number): Promise<void> {
    try {
      await this.renew(generation);
    } catch (error) {
      if (!this.#owner.isCurrent(generation) || this.#outcomes.ended()) return;
      if (isApiError(error) && !error.retryable) {
        this.#outcomes.refused(error.code);
        return;
      }
      // Offline or a backend hiccup: try again with backoff, the current token may still be valid.
      const delay = Math.min(5_000 * 2 ** attempt, 60_000);
      this.cancel();
      this.#cancelTimer = this.#clock.setTimeout(() => void this.#inBackground(generation, attempt + 1), delay);
    }
  }
}
