/**
 * Storage keys and storage access that never throws: storage can be disabled (privacy modes,
 * sandboxed iframes) and the chat must still work, just without resuming.
 */

/** Namespaced so we never collide with the host page's own keys. */
export const SESSION_KEY = 'twilio-webchat:v1:session';
/** Whether the panel was open; sessionStorage, so it lasts for the browser tab's session only. */
export const OPEN_KEY = 'twilio-webchat:v1:open';

/** Reading either property throws where storage is disabled (sandboxed iframe, privacy mode). */
const area = (kind: 'local' | 'session'): Storage => (kind === 'local' ? localStorage : sessionStorage);

export function readItem(kind: 'local' | 'session', key: string): string | null {
  try {
    return area(kind).getItem(key);
  } catch {
    // Disabled or unreadable storage counts as nothing saved.
    return null;
  }
}

export function writeItem(kind: 'local' | 'session', key: string, value: string | null): void {
  try {
    if (value === null) area(kind).removeItem(key);
    else area(kind).setItem(key, value);
  } catch {
    // Disabled storage, quota or privacy mode: resuming is a convenience, never a requirement.
  }
}

/** Removes every key of ours from both storages: a visitor who signs out leaves nothing behind. */
export function removeAll(): void {
  for (const kind of ['local', 'session'] as const) {
    try {
      const store = area(kind);
      for (const key of Object.keys(store)) if (key.startsWith('twilio-webchat:')) store.removeItem(key);
    } catch {
      // Disabled storage holds nothing.
    }
  }
}
