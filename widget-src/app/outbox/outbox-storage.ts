/**
 * The outbox and the composer's draft in localStorage (one key, beside common/storage.ts's), so a reload
 * loses neither. Only text: files cannot be kept in localStorage, so attachments wait in the
 * composer while the page lives. One key for the one chat a visitor has: a saved outbox of another
 * conversation is ignored and replaced, so nothing piles up.
 */
import { readItem, writeItem } from '../../common/storage';

/** Namespaced like the session's key; kept here so the loader, which shares common/, does not carry it. */
const OUTBOX_KEY = 'twilio-webchat:v1:outbox';

export interface SavedMessage {
  id: string;
  body: string;
  failed: boolean;
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
  load(chat: string): SavedOutbox | null;
  /** Saves; null removes. */
  save(outbox: SavedOutbox | null): void;
}

function isSavedMessage(value: unknown): value is SavedMessage {
  const v = value as Partial<SavedMessage> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.body === 'string' && typeof v.failed === 'boolean';
}

/** Reads what `save` wrote for `chat`; anything else counts as nothing saved. */
export function parseSavedOutbox(raw: string | null, chat: string): SavedOutbox | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedOutbox> | null;
    if (v?.chat !== chat || typeof v.draft !== 'string' || !Array.isArray(v.messages) || !v.messages.every(isSavedMessage)) return null;
    return { chat, draft: v.draft, messages: v.messages };
  } catch {
    // Written by another version or by hand: start empty rather than fail the chat.
    return null;
  }
}

export const localOutboxStorage: OutboxStorage = {
  load: (chat) => parseSavedOutbox(readItem('local', OUTBOX_KEY), chat),
  save: (outbox) => writeItem('local', OUTBOX_KEY, outbox === null ? null : JSON.stringify(outbox)),
};
