/**
 * Just enough of the browser's EventSource, over fetch, to run browser transports in Node 20
 * (which has no EventSource): named events, `onerror`, `readyState`, reconnecting after the
 * server ends the stream, and giving up on a non-200 answer, as the WHATWG spec says.
 */
import { readSseStream, type SseFrame } from './sse-stream';

type Listener = (event: { data: string }) => void;

/** Server `retry:` hints are honoured up to this, so tests do not sit idle. */
const MAX_TEST_RETRY_MS = 200;

export class NodeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  /** Open sources, so tests can cut their connections like a network failure would. */
  static readonly open = new Set<NodeEventSource>();

  readyState = NodeEventSource.CONNECTING;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private controller = new AbortController();
  private retryMs = MAX_TEST_RETRY_MS;

  constructor(readonly url: string) {
    NodeEventSource.open.add(this);
    void this.connect();
  }

  /** Drops the connection without closing the source: it reconnects, as after a network blip. */
  interrupt(): void {
    this.controller.abort();
  }

  addEventListener(name: string, listener: Listener): void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
  }

  close(): void {
    this.readyState = NodeEventSource.CLOSED;
    NodeEventSource.open.delete(this);
    this.controller.abort();
  }

  private async connect(): Promise<void> {
    this.controller = new AbortController();
    let response: Response;
    try {
      response = await fetch(this.url, { signal: this.controller.signal, headers: { accept: 'text/event-stream' } });
    } catch {
      return this.dropped();
    }
    if (!response.ok || !response.body) {
      this.readyState = NodeEventSource.CLOSED;
      this.onerror?.();
      return;
    }
    this.readyState = NodeEventSource.OPEN;
    await readSseStream(response.body, (frame) => this.dispatch(frame));
    this.dropped();
  }

  private dropped(): void {
    if (this.readyState === NodeEventSource.CLOSED) return;
    this.readyState = NodeEventSource.CONNECTING;
    this.onerror?.();
    if (this.readyState === NodeEventSource.CONNECTING) setTimeout(() => void this.connect(), this.retryMs);
  }

  private dispatch(frame: SseFrame): void {
    if (frame.retry !== undefined) this.retryMs = Math.min(MAX_TEST_RETRY_MS, frame.retry);
    if (frame.data === '') return;
    for (const listener of this.listeners.get(frame.event) ?? []) listener({ data: frame.data });
  }
}
