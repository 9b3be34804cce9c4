/**
 * Reads a Server-Sent Events stream with fetch (Node 20 has no EventSource) and lets tests wait
 * for the next event of a given name.
 */
import { readSseStream } from './sse-stream';

export interface SseEvent {
  event: string;
  data: unknown;
}

export class SseClient {
  private readonly events: SseEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly controller = new AbortController();
  ended = false;

  private constructor() {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<{ client: SseClient; status: number }> {
    const client = new SseClient();
    const response = await fetch(url, { headers, signal: client.controller.signal });
    if (response.ok && response.body) void client.pump(response.body);
    else client.ended = true;
    return { client, status: response.status };
  }

  /** Resolves with the first not-yet-taken event named `name` (matching `accept`), waiting up to `timeoutMs`. */
  async next(name: string, accept: (data: unknown) => boolean = () => true, timeoutMs = 3000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e) => e.event === name && accept(e.data));
      const found = this.events[index];
      if (found) {
        this.events.splice(index, 1);
        return found;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0 || this.ended) throw new Error(`no ${name} event (got ${this.events.map((e) => e.event).join(', ') || 'nothing'})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** Events received and not taken yet, by name. */
  pending(name: string): SseEvent[] {
    return this.events.filter((e) => e.event === name);
  }

  close(): void {
    this.controller.abort();
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    await readSseStream(
      body,
      (frame) => {
        if (frame.data !== '') this.events.push({ event: frame.event, data: JSON.parse(frame.data) as unknown });
      },
      () => this.wake(),
    );
    this.ended = true;
    this.wake();
  }
}
