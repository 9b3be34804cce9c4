/**
 * Tells each message newer than the first page once, whether the SDK reported it or a query found
 * it. The SDK keeps what a query fetched in its cache without an event and then drops the "message
 * added" events of those messages as already known (twilio-sync's SyncList: `_queryItemsFromServer`
 * stores new items silently, `_handleItemMutated` skips known event ids), so a query that runs while
 * it re-subscribes after a reconnect would hide them: every query for new messages is made and told
 * here instead (older pages hold none).
 */
import type { ChatMessage, ChatTransport } from './chat-transport';

export class NewMessages {
  readonly #told = new Set<number>();
  /** Messages up to this index are in the first page or older: paging shows them. */
  #base = -1;
  /** The highest index told. */
  newest = -1;

  constructor(private readonly tellOne: (message: ChatMessage) => void) {}

  /** The first page is out: only what follows it is new. */
  loaded(messages: readonly ChatMessage[]): void {
    this.#base = this.newest = Math.max(this.newest, messages[messages.length - 1]?.index ?? -1);
  }

  /** Tells each of `messages` (oldest first) that is new and not told yet. */
  tell(messages: readonly ChatMessage[]): void {
    for (const message of messages) {
      if (message.index <= this.#base || this.#told.has(message.index)) continue;
      this.#told.add(message.index);
      this.newest = Math.max(this.newest, message.index);
      this.tellOne(message);
    }
  }

  /** See ChatTransport's `messagesAfter`: pages back from the newest message with `pageBefore`. */
  async after(index: number, pageBefore: ChatTransport['getMessagesBefore']): Promise<ChatMessage[]> {
    let found: ChatMessage[] = [];
    try {
      for (let before = Number.MAX_SAFE_INTEGER; ; ) {
        const { messages, hasOlder } = await pageBefore(before, 50);
        found = [...messages, ...found];
        const oldest = messages[0];
        if (!hasOlder || oldest === undefined || oldest.index <= index) return found;
        before = oldest.index;
      }
    } finally {
      // Oldest first, also when paging failed half-way: what it read is in the SDK's cache now.
      this.tell(found);
    }
  }
}
