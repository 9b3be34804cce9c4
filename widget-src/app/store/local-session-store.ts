/** Keeps the chat session in localStorage under a namespaced key (common/storage.ts), so a reload resumes the chat. */
import { SESSION_KEY, readItem, writeItem } from '../../common/storage';
import { isTransportDescriptor } from '../../../contract/api';
import type { ChatSession } from '../../transport/chat-transport';
import type { SessionStore } from './chat-state';

function isSession(value: unknown): value is ChatSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.token === 'string' &&
    typeof v.conversationSid === 'string' &&
    typeof v.identity === 'string' &&
    typeof v.expiration === 'string' &&
    isTransportDescriptor(v.transport)
  );
}

/** A SessionStore on localStorage; anything unreadable counts as no session (and is removed). */
export const localSessionStore: SessionStore = {
  load() {
    const raw = readItem('local', SESSION_KEY);
    if (raw === null) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isSession(parsed)) return parsed;
    } catch {
      // Corrupted by hand or by another version: fall through and forget it.
    }
    writeItem('local', SESSION_KEY, null);
    return null;
  },
  save(session) {
    writeItem('local', SESSION_KEY, JSON.stringify(session));
  },
  clear() {
    writeItem('local', SESSION_KEY, null);
  },
};
