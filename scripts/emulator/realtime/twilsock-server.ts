/**
 * The emulator's twilsock endpoint, `ws://<emulator>/v3/wsconnect` on the emulator's own port: the
 * WebSocket the real Conversations SDK opens when given `{Twilsock: {uri}}`. Owns the connections,
 * the Sync projection of the store (every store change becomes Sync events for subscribers),
 * typing fan-out and the realtime test actions (drop sockets, expire tokens, faults).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TokenAuthority } from './access-token';
import type { ConversationsStore } from '../store/conversations-store';
import { TYPING_TIMEOUT_SECONDS, clientApiRoutes } from './client-api';
import { Projection } from './projection';
import { RealtimeFaults } from '../controls/realtime-faults';
import { TwilsockSession } from './session';
import { syncRoutes } from './sync-api';
import { Tunnel } from './tunnel';

export const TWILSOCK_PATH = '/v3/wsconnect';

/** The twilsock URI of the emulator at `emulatorUrl` (http → ws), for `{Twilsock: {uri}}`. */
export function twilsockUrl(emulatorUrl: string): string {
  const url = new URL(TWILSOCK_PATH, emulatorUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
/** The SDK's frames are small JSON; media never travel through the socket. */
const MAX_FRAME_BYTES = 1024 * 1024;

export interface TwilsockServerDependencies {
  store: ConversationsStore;
  authority: TokenAuthority;
  publicUrl: () => string;
}

export class TwilsockServer {
  readonly faults = new RealtimeFaults();
  private readonly sessions = new Map<WebSocket, TwilsockSession>();
  private readonly projection: Projection;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly unsubscribe: () => void;
  private readonly storageId = randomUUID();
  private readonly tunnel: Tunnel;

  constructor(private readonly deps: TwilsockServerDependencies) {
    this.projection = new Projection(deps.store, (object, event) => {
      for (const session of this.sessions.values()) session.deliver(object, event);
    });
    this.unsubscribe = deps.store.subscribe((event) => this.projection.apply(event));
    this.tunnel = new Tunnel([
      ...clientApiRoutes({
        store: deps.store,
        serviceSid: deps.authority.serviceSid,
        publicUrl: deps.publicUrl,
        typing: (conversationSid, identity) => {
          for (const session of this.sessions.values()) session.typing(conversationSid, identity, TYPING_TIMEOUT_SECONDS);
        },
      }),
      ...syncRoutes(this.projection),
    ]);
  }

  /** Takes over the upgrade when it is for the twilsock path; false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(request.url ?? '/', 'http://emulator.invalid').pathname !== TWILSOCK_PATH) return false;
    if (this.faults.takeConnectionRefusal()) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const session = new TwilsockSession(ws, {
        store: this.deps.store,
        projection: this.projection,
        tunnel: this.tunnel,
        authority: this.deps.authority,
        faults: this.faults,
        storageId: this.storageId,
      });
      this.sessions.set(ws, session);
      ws.on('close', () => this.sessions.delete(ws));
      // ws closes the socket after a client's protocol error; unhandled, the event would stop the emulator.
      ws.on('error', (error) => console.error(`emulator: twilsock socket closed on a protocol error: ${error.message}`));
    });
    return true;
  }

  /** The connections of `identity`, or all when it is undefined. */
  private connections(identity: string | undefined): Array<[WebSocket, TwilsockSession]> {
    return [...this.sessions].filter(([, session]) => identity === undefined || session.identity === identity);
  }

  /** Cuts the connections of `identity` (every one when undefined) without a goodbye, as a network failure would; the SDK reconnects. */
  drop(identity?: string): number {
    const cut = this.connections(identity);
    for (const [ws] of cut) ws.terminate();
    return cut.length;
  }

  /** Ends the connections of `identity` (every one when undefined) as if their token had expired (410). */
  expire(identity?: string): number {
    const ended = this.connections(identity);
    for (const [, session] of ended) session.expire();
    return ended.length;
  }

  /** Clears connections, faults and Sync state (the store is being reset). */
  reset(): void {
    this.drop();
    this.faults.clear();
    this.projection.reset();
  }

  close(): void {
    this.unsubscribe();
    this.drop();
    this.wss.close();
  }
}
