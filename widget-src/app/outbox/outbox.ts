/**
 * Text messages the visitor sent that have not reached the chat yet, sent exactly once and in order.
 * Each carries a client-made id in its attributes; after a send whose outcome is unknown (the
 * connection dropped, the SDK gave up) the outbox looks for that id among every message after the
 * one the conversation showed last when it was queued, however many arrived meanwhile, before
 * sending again, so a message that did arrive is never posted twice. A message
 * Twilio refused, or one that failed too often, stays as failed until the visitor retries or
 * removes it, and holds back the ones typed after it: a later message never lands before an
 * earlier one. Knows nothing about the UI; lives in the chat-view chunk (the app chunk has a budget).
 */
import type { ChatMessage, ChatTransport } from '../../transport/chat-transport';
import type { OutboxStorage, SavedOutbox } from './outbox-storage';

/** The message attribute that names a message's outbox id. */
export const CLIENT_ID_ATTRIBUTE = 'webchat_client_id';
/** More than this many unsent messages are refused: a bound on what waits and on localStorage. */
export const MAX_PENDING = 20;
/** Sends with an unknown outcome before a message counts as failed (the visitor can still retry). */
export const MAX_ATTEMPTS = 3;

/** How long a send may take before the visitor is told it is taking long, in milliseconds. */
export const SLOW_MS = 5_000;

/** `unsent`: the chat ended before it was sent; it is offered as the draft of the next chat. */
export type PendingState = 'waiting' | 'sending' | 'failed' | 'unsent';

export interface PendingMessage {
  id: string;
  body: string;
  state: PendingState;
  /** Sending for longer than SLOW_MS. */
  slow?: boolean;
}

interface Entry extends PendingMessage {
  attempts: number;
  /** A send may have reached Twilio: look before sending again. */
  uncertain: boolean;
  /** The index of the newest message shown when it was queued: it can only arrive after that one. */
  after: number;
}

/** What the outbox sends through: the transport, while connected to an open conversation. */
export type OutboxLink = Pick<ChatTransport, 'sendMessage' | 'messagesAfter'>;

export interface OutboxDeps {
  storage: OutboxStorage;
  /** The chat the outbox belongs to (see SavedOutbox.chat). */
  chat: string;
  newId?: () => string;
}

/** Twilio answered: the message was looked at and refused (too long, not allowed); sending it again changes nothing. */
function refused(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export class Outbox {
  #entries: Entry[] = [];
  #draft = '';
  #link: OutboxLink | null = null;
  /** Bumped on every setLink: an attempt that failed while the link changed is retried at once. */
  #linkChanges = 0;
  #pumping = false;
  /** The index of the newest message the conversation shows. */
  #newest = -1;
  readonly #listeners = new Set<() => void>();
  readonly #deps: OutboxDeps;

  constructor(deps: OutboxDeps) {
    this.#deps = deps;
    const adopt = (saved: SavedOutbox | null): void => this.#adopt(saved);
    adopt(deps.storage.load());
    deps.storage.claim(adopt);
  }

  /** Unsent messages, oldest first. */
  get pending(): readonly PendingMessage[] {
    return this.#entries;
  }

  get draft(): string {
    return this.#draft;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  setDraft(text: string): void {
    this.#draft = text;
    this.#save(false);
  }

  /** Queues a text; false when too many are waiting already. The draft is cleared with it. */
  send(body: string): boolean {
    if (this.#entries.filter((e) => e.state !== 'failed').length >= MAX_PENDING) return false;
    const id = (this.#deps.newId ?? (() => crypto.randomUUID()))();
    this.#entries = [...this.#entries, { id, body, state: 'waiting', attempts: 0, uncertain: false, after: this.#newest }];
    this.#draft = '';
    this.#save();
    void this.#pump();
    return true;
  }

  retry(id: string): void {
    this.#change(id, 'failed', { state: 'waiting', attempts: 0 });
    void this.#pump();
  }

  remove(id: string): void {
    if (!this.#entries.some((e) => e.id === id && e.state === 'failed')) return;
    this.#entries = this.#entries.filter((e) => e.id !== id);
    this.#save();
    void this.#pump();
  }

  /** The way out while connected, null while not; sending resumes when it comes back. */
  setLink(link: OutboxLink | null): void {
    this.#link = link;
    this.#linkChanges += 1;
    void this.#pump();
  }

  /** Messages the conversation shows: any carrying an outbox id has arrived. */
  delivered(messages: readonly ChatMessage[]): void {
    this.#newest = messages[messages.length - 1]?.index ?? this.#newest;
    const arrived = new Set(messages.map((m) => m.attributes[CLIENT_ID_ATTRIBUTE]));
    if (!this.#entries.some((e) => arrived.has(e.id))) return;
    this.#entries = this.#entries.filter((e) => !arrived.has(e.id));
    this.#save();
  }

  /** The chat ended: nothing more is sent; what was not stays on screen, and is kept for the next chat's draft. */
  end(): void {
    this.#link = null;
    this.#entries = this.#entries.map((e) => ({ ...e, state: 'unsent' }));
    this.#save();
  }

  /**
   * Sends waiting messages one at a time, oldest first, while a link is there and none before them failed. After a send with
   * an unknown outcome it waits for the link to change (the connection dropped and came back), or
   * for the visitor to send again, rather than spending its attempts on a connection going down.
   */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        const link = this.#link;
        const changes = this.#linkChanges;
        const entry = this.#entries.find((e) => e.state === 'waiting' || e.state === 'failed');
        if (link === null || entry === undefined || entry.state === 'failed') return;
        if (!(await this.#sendOnce(link, entry)) && this.#linkChanges === changes) return;
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** One attempt; false when its outcome is unknown and the message waits again. */
  async #sendOnce(link: OutboxLink, entry: Entry): Promise<boolean> {
    const { id } = entry;
    this.#change(id, 'waiting', { state: 'sending', attempts: entry.attempts + 1, slow: false });
    const slow = setTimeout(() => this.#change(id, 'sending', { slow: true }), SLOW_MS);
    try {
      if (entry.uncertain && (await this.#arrived(link, entry))) {
        this.#drop(id);
        return true;
      }
      await link.sendMessage(entry.body, { [CLIENT_ID_ATTRIBUTE]: id });
      this.#drop(id);
      return true;
    } catch (error) {
      const current = this.#entries.find((e) => e.id === id);
      if (current === undefined) return true;
      const uncertain = !refused(error);
      const failed = !uncertain || current.attempts >= MAX_ATTEMPTS;
      this.#change(id, 'sending', { state: failed ? 'failed' : 'waiting', uncertain });
      return failed;
    } finally {
      clearTimeout(slow);
    }
  }

  /** Takes over what a page that is gone left (see outbox-storage.ts). */
  #adopt(saved: SavedOutbox | null): void {
    if (saved === null) return;
    if (saved.chat === this.#deps.chat) {
      // That page may have cut a send short: whether it arrived is unknown, so each is looked for first.
      for (const m of saved.messages) {
        if (!this.#entries.some((e) => e.id === m.id)) this.#entries.push({ ...m, state: m.state === 'failed' ? 'failed' : 'waiting', attempts: 0, uncertain: true, after: m.after ?? -1 });
      }
      this.#draft ||= saved.draft;
    } else {
      // Left unsent when that chat ended: offered to the visitor as this chat's draft.
      this.#draft ||= [...saved.messages.map((m) => m.body), saved.draft].join('\n').trim();
    }
    this.#save();
    void this.#pump();
  }

  async #arrived(link: OutboxLink, { id, after }: Entry): Promise<boolean> {
    return (await link.messagesAfter(after)).some((m) => m.attributes[CLIENT_ID_ATTRIBUTE] === id);
  }

  #change(id: string, from: PendingState, patch: Partial<Entry>): void {
    this.#entries = this.#entries.map((e) => (e.id === id && e.state === from ? { ...e, ...patch } : e));
    this.#save();
  }

  #drop(id: string): void {
    this.#entries = this.#entries.filter((e) => e.id !== id);
    this.#save();
  }

  /** Persists and tells listeners; a draft change alone is saved without re-rendering anyone. */
  #save(notify = true): void {
    const messages = this.#entries;
    this.#deps.storage.save(messages.length === 0 && this.#draft === '' ? null : { chat: this.#deps.chat, draft: this.#draft, messages });
    if (notify) this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
