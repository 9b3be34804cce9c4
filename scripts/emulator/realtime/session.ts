/**
 * One twilsock connection: `init` with the Access Token, then tunnelled requests, Sync
 * notifications, typing indicators, token updates and expiry, as twilsock/dist/twilsock.js expects:
 * - every client frame but `reply` (its acks) and `close` gets a `reply` with the same id;
 * - a refused token answers `init`/`update` with 401 (403 for a token of another service) and the
 *   Twilio error code in `status.errorCode` (20104 = expired, which fires `tokenExpired`);
 * - `client_update` `token_about_to_expire` goes out TOKEN_WARNING_SECONDS before expiry, and a
 *   `close` with 410 when the token expires (the SDK then emits `tokenExpired`).
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { verifyAccessToken, type TokenAuthority } from './access-token';
import type { ConversationsStore } from '../store/conversations-store';
import { TwilioError } from '../twilio-errors';
import { type FrameHeader, FrameError, decodeFrame, encodeFrame } from './frames';
import type { Projection } from './projection';
import type { RealtimeFaults } from '../controls/realtime-faults';
import { SessionSubscriptions } from './subscriptions';
import type { AnySyncObject, SyncEvent } from './sync-objects';
import { type Tunnel, parseHttpRequest } from './tunnel';

/** How long before expiry the SDK is told to fetch a new token (Twilio warns 3 minutes ahead). */
export const TOKEN_WARNING_SECONDS = 180;
/** The product the Conversations SDK registers as (client.js `productId`). */
const PRODUCT_ID = 'ip_messaging';
/** services/typing-indicator.js reads `channel_sid`, `identity` and `typing_timeout` (seconds). */
const TYPING_INDICATOR = 'twilio.ipmsg.typing_indicator';
/** setTimeout's limit; longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

export interface SessionDependencies {
  store: ConversationsStore;
  projection: Projection;
  tunnel: Tunnel;
  authority: TokenAuthority;
  faults: RealtimeFaults;
  /** Per emulator run, so browsers never reuse Sync roots cached by an earlier run. */
  storageId: string;
}

interface Status {
  code: number;
  status: string;
  errorCode?: number;
  description?: string;
}

const OK: Status = { code: 200, status: 'OK' };

function statusOf(error: TwilioError): Status {
  // A token for another service is valid but not for this one: forbidden rather than unauthenticated.
  const code = error.code === 20106 ? 403 : error.status;
  return { code, status: code === 403 ? 'FORBIDDEN' : code === 401 ? 'UNAUTHORIZED' : 'ERROR', errorCode: error.code, description: error.message };
}

export class TwilsockSession {
  identity: string | undefined;
  private subscriptions: SessionSubscriptions | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Waits of delay faults; cancelled only when the connection closes, so none outlives it. */
  private readonly pauses = new Set<NodeJS.Timeout>();
  private outgoing: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SessionDependencies,
  ) {
    socket.on('message', (data) => {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      this.receive(buffer).catch((error: unknown) => {
        console.error('emulator: twilsock frame failed', error);
        this.socket.terminate();
      });
    });
    socket.on('close', () => {
      this.clearTimers();
      for (const timer of this.pauses) clearTimeout(timer);
      this.pauses.clear();
    });
  }

  /** A Sync event for whoever subscribed to its object on this connection. */
  deliver(object: AnySyncObject, event: SyncEvent): void {
    this.subscriptions?.deliver(object, event);
  }

  /** Another participant of a conversation this identity is in started typing. */
  typing(conversationSid: string, identity: string, timeoutSeconds: number): void {
    if (this.identity === undefined || this.identity === identity) return;
    if (!this.deps.store.findParticipant(conversationSid, this.identity)) return;
    this.notify(TYPING_INDICATOR, { channel_sid: conversationSid, identity, typing_timeout: timeoutSeconds });
  }

  /** Sends in order; a frame-delay fault holds each frame back from the moment it is queued. */
  send(header: FrameHeader, payload?: unknown): void {
    const due = Date.now() + this.deps.faults.frameDelayFor(this.identity);
    const frame = encodeFrame(header, payload);
    this.outgoing = this.outgoing.then(async () => {
      const wait = due - Date.now();
      if (wait > 0) await this.pause(wait);
      if (this.socket.readyState === this.socket.OPEN) this.socket.send(frame, { binary: true });
    });
  }

  notify(messageType: string, payload: unknown): void {
    this.send({ method: 'notification', id: `TM${randomUUID().replace(/-/g, '')}`, message_type: messageType }, payload);
  }

  /** Ends the connection as Twilio does when a token runs out; the SDK emits `tokenExpired`. */
  expire(): void {
    this.send({
      method: 'close',
      id: `TM${randomUUID().replace(/-/g, '')}`,
      status: { code: 410, status: 'TOKEN_EXPIRED', errorCode: 20104, description: 'Access token expired' },
    });
    this.outgoing = this.outgoing.then(() => this.socket.close(1000));
    this.clearTimers();
  }

  private reply(id: string | undefined, status: Status, extra: Record<string, unknown> = {}, payload?: unknown): void {
    this.send({ method: 'reply', id, status, ...extra }, payload);
  }

  private async receive(data: Buffer): Promise<void> {
    let header: FrameHeader;
    let payload: unknown;
    try {
      ({ header, payload } = decodeFrame(data));
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      // 406: the SDK reports that the server could not parse its frame, then stops.
      this.send({ method: 'close', status: { code: 406, status: 'NOT_ACCEPTABLE', description: error.message } });
      return;
    }
    switch (header.method) {
      case 'reply':
        return; // the client's acknowledgement of our frames
      case 'close':
        this.socket.close(1000);
        return;
      case 'init':
        await this.init(header);
        return;
      case 'update':
        await this.update(header);
        return;
      case 'message':
        this.message(header, payload);
        return;
      default:
        // ping, telemetry.v1, put/delete_notification_ctx: nothing to do but acknowledge.
        this.reply(header.id, this.identity === undefined ? { code: 401, status: 'UNAUTHORIZED', description: 'init first' } : OK);
    }
  }

  private async verify(token: unknown): Promise<{ identity: string; expiresAt: number } | TwilioError> {
    try {
      return await verifyAccessToken(typeof token === 'string' ? token : '', this.deps.authority);
    } catch (error) {
      if (error instanceof TwilioError) return error;
      throw error;
    }
  }

  private async init(header: FrameHeader): Promise<void> {
    const { faults } = this.deps;
    if (faults.initDelayMs > 0) await this.pause(faults.initDelayMs);
    const refusal = faults.takeInitRefusal();
    const verified = refusal ?? (await this.verify(header.token));
    if (verified instanceof TwilioError) {
      this.reply(header.id, statusOf(verified));
      return;
    }
    const { store, projection } = this.deps;
    // Twilio creates the service user on its first login.
    if (!store.users.find(verified.identity)) store.users.create({ identity: verified.identity });
    this.identity = verified.identity;
    this.subscriptions = new SessionSubscriptions(verified.identity, projection, (type, body) => this.notify(type, body));
    const registrations = Array.isArray(header.registrations) ? header.registrations : [];
    this.reply(header.id, OK, {
      continuation_token: typeof header.continuation_token === 'string' && header.continuation_token !== '' ? header.continuation_token : randomUUID(),
      continuation_token_status: { reissued: false },
      capabilities: ['client_update', 'offline_storage', 'telemetry.v1'],
      offline_storage: { [PRODUCT_ID]: { storage_id: `${this.deps.storageId}-${verified.identity}` } },
      init_registrations: registrations,
    });
    this.schedule(verified.expiresAt);
  }

  private async update(header: FrameHeader): Promise<void> {
    const verified = await this.verify(header.token);
    if (verified instanceof TwilioError) {
      this.reply(header.id, statusOf(verified));
      return;
    }
    if (verified.identity !== this.identity) {
      this.reply(header.id, { code: 403, status: 'FORBIDDEN', errorCode: 20103, description: 'A new token must be for the same identity' });
      return;
    }
    this.reply(header.id, OK);
    this.schedule(verified.expiresAt);
  }

  private message(header: FrameHeader, payload: unknown): void {
    const http = parseHttpRequest(header.http_request);
    if (this.identity === undefined || this.subscriptions === undefined) {
      this.reply(header.id, { code: 401, status: 'UNAUTHORIZED', description: 'init first' });
      return;
    }
    if (!http) {
      this.reply(header.id, { code: 400, status: 'BAD_REQUEST', description: 'message without http_request' });
      return;
    }
    const failure = this.deps.faults.takeRequestFailure(http.method, http.path);
    if (failure) {
      this.reply(header.id, OK, { http_status: { code: failure.status, status: 'ERROR' }, http_headers: {} }, failure.toBody());
      return;
    }
    const contentType = typeof header.payload_type === 'string' ? header.payload_type : 'application/json';
    const result = this.deps.tunnel.handle({ identity: this.identity, subscriptions: this.subscriptions }, http, payload, contentType);
    this.reply(header.id, OK, { http_status: { code: result.status, status: result.status < 400 ? 'OK' : 'ERROR' }, http_headers: {} }, result.body);
    result.after?.();
  }

  /** Arms the about-to-expire warning and the expiry for the current token. */
  private schedule(expiresAt: number): void {
    this.clearTimers();
    const msUntil = (seconds: number): number => Math.max(0, seconds * 1000 - Date.now());
    this.arm(msUntil(expiresAt - TOKEN_WARNING_SECONDS), () =>
      this.send({ method: 'client_update', id: `TM${randomUUID().replace(/-/g, '')}`, client_update_type: 'token_about_to_expire' }),
    );
    this.arm(msUntil(expiresAt), () => this.expire());
  }

  private arm(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (ms > MAX_TIMER_MS) this.arm(ms - MAX_TIMER_MS, action);
      else action();
    }, Math.min(ms, MAX_TIMER_MS));
    this.timers.add(timer);
  }

  /** Resolves after `ms`; never, if the connection closes first (nothing is left to do for it). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pauses.delete(timer);
        resolve();
      }, ms);
      this.pauses.add(timer);
    });
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
