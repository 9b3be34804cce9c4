/** An outbox over a page's storage and a link whose sends a test settles one by one, for the outbox's unit tests. */
import { CLIENT_ID_ATTRIBUTE, Outbox, type OutboxLink } from '../../widget-src/app/outbox/outbox';
import { parseSavedOutbox, type OutboxStorage, type SavedOutbox } from '../../widget-src/app/outbox/outbox-storage';
import type { ChatMessage } from '../../widget-src/transport/chat-transport';
import { VISITOR, message } from './fake-chat-transport';

/** One page's localStorage key as the outbox sees it, through the same JSON round trip. */
export class MemoryStorage implements OutboxStorage {
  raw: string | null = null;
  adopt: (outbox: SavedOutbox | null) => void = () => undefined;
  load(): SavedOutbox | null {
    return parseSavedOutbox(this.raw);
  }
  save(outbox: SavedOutbox | null): void {
    this.raw = outbox === null ? null : JSON.stringify(outbox);
  }
  claim(adopt: (outbox: SavedOutbox | null) => void): void {
    this.adopt = adopt;
  }
  /** Another page that queued `saved` is gone: its lock is this page's now. */
  leftBehind(saved: SavedOutbox): void {
    this.adopt(parseSavedOutbox(JSON.stringify(saved)));
  }
}

export interface Attempt {
  body: string;
  id: string;
  settle: (error?: Error) => void;
}

/** A link whose sends the test settles one by one; `posted` is what reached the conversation. */
export class ScriptedLink implements OutboxLink {
  readonly attempts: Attempt[] = [];
  readonly posted: ChatMessage[] = [];
  /** The indexes the outbox read the conversation after. */
  readonly readAfter: number[] = [];
  private waiter: (() => void) | null = null;

  async sendMessage(body: string, attributes: Record<string, string>): Promise<void> {
    const id = attributes[CLIENT_ID_ATTRIBUTE] ?? '';
    await new Promise<void>((resolve, reject) => {
      this.attempts.push({ body, id, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.waiter?.();
    });
  }

  async messagesAfter(index: number): Promise<ChatMessage[]> {
    this.readAfter.push(index);
    return this.posted.filter((m) => m.index > index);
  }

  /** Others write `count` messages. */
  othersWrite(count: number): void {
    for (let i = 0; i < count; i += 1) this.posted.push(message(this.posted.length, 'agent-1', `reply ${i}`));
  }

  /** The message reached Twilio (whatever the sender hears back). */
  post(attempt: Attempt): void {
    this.posted.push(message(this.posted.length, VISITOR, attempt.body, { attributes: { [CLIENT_ID_ATTRIBUTE]: attempt.id } }));
  }

  /** Resolves once `n` attempts have been made. */
  async attempt(n: number): Promise<Attempt> {
    while (this.attempts.length < n) await new Promise<void>((resolve) => (this.waiter = resolve));
    const attempt = this.attempts[n - 1];
    if (attempt === undefined) throw new Error('no attempt');
    return attempt;
  }
}

let ids = 0;
export function outbox(storage = new MemoryStorage(), chat = 'visitor-1'): Outbox {
  return new Outbox({ storage, chat, newId: () => `id-${(ids += 1)}` });
}

export const bodies = (box: Outbox) => box.pending.map((m) => [m.body, m.state]);
export const refusal = Object.assign(new Error('Message too long'), { status: 400, code: 50_000 });
