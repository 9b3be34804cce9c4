/**
 * The outbox and the composer's draft in localStorage, so a reload loses neither. Only text: files
 * cannot be kept in localStorage, so attachments wait in the composer while the page lives.
 *
 * Tabs share localStorage, so each page keeps its own key and holds a Web Lock of the same name
 * while it lives (https://w3c.github.io/web-locks/): one writer per key, one sender per message.
 * The lock of a page that is gone (closed, reloaded, crashed) is free, and the first page to take
 * it adopts that page's outbox and removes its key: what an offline tab queued is sent once, by one
 * tab, even after it was closed. Pages wait for the lock of every other key they see, so they adopt
 * it as soon as its page goes.
 */
import { readItem, writeItem } from '../../common/storage';

/** Namespaced like the session's key; kept here so the loader, which shares common/, does not carry it. */
const PREFIX = 'twilio-webchat:v1:outbox:';

export interface SavedMessage {
  id: string;
  body: string;
  /** As the outbox had it; only `failed` is kept as it is. */
  state: string;
  /** See Outbox's entries; absent in what older versions saved. */
  after?: number;
}

export interface SavedOutbox {
  /** The visitor identity of the chat (initWebchat answers a new one for each conversation). */
  chat: string;
  draft: string;
  messages: SavedMessage[];
}

export interface OutboxStorage {
  /** What this page saved last (an earlier chat's, when one ended in this page). */
  load(): SavedOutbox | null;
  /** Saves this page's outbox; null removes it. */
  save(outbox: SavedOutbox | null): void;
  /** Hands `adopt` each outbox a page that is gone left behind, now or when it goes, once and to one page. */
  claim(adopt: (outbox: SavedOutbox | null) => void): void;
}

/** Reads what `save` wrote; anything else counts as nothing saved. */
export function parseSavedOutbox(raw: string | null): SavedOutbox | null {
  try {
    const v = JSON.parse(raw ?? 'null') as SavedOutbox | null;
    const valid =
      typeof v?.chat === 'string' &&
      typeof v.draft === 'string' &&
      v.messages.every((m) => typeof m.id === 'string' && typeof m.body === 'string');
    return valid ? v : null;
  } catch {
    // Written by another version or by hand (not even a list of messages): start empty rather than fail the chat.
    return null;
  }
}

let own: string | undefined;
let adopter: (outbox: SavedOutbox | null) => void;
/** Keys of other pages whose lock this page waits for. */
const waiting = new Set<string>();

/** This page's key; its lock is asked for before anything is saved under it, so no other page can take it. */
function ownKey(): string {
  if (own === undefined) {
    own = PREFIX + crypto.randomUUID();
    void navigator.locks.request(own, () => new Promise(() => undefined));
    addEventListener('storage', (event) => watch(event.key));
  }
  return own;
}

function watch(key: string | null): void {
  if (!key?.startsWith(PREFIX) || key === own || waiting.has(key)) return;
  waiting.add(key);
  // Granted once the page holding it is gone; its key is removed only once adopted, so a page
  // closing in between leaves two copies (one id, looked up before sending), never none.
  void navigator.locks.request(key, () => {
    waiting.delete(key);
    adopter(parseSavedOutbox(readItem('local', key)));
    writeItem('local', key, null);
  });
}

export const localOutboxStorage: OutboxStorage = {
  load: () => parseSavedOutbox(readItem('local', ownKey())),
  save: (outbox) => writeItem('local', ownKey(), outbox && JSON.stringify(outbox)),
  claim(adopt) {
    adopter = adopt;
    ownKey();
    try {
      Object.keys(localStorage).forEach(watch);
    } catch {
      // Disabled storage: nothing was saved.
    }
  },
};
