/**
 * Storage keys and storage access that never throws: storage can be disabled (privacy modes,
 * sandboxed iframes) and the chat must still work, just without resuming.
 */

/** Namespaced so we never collide with the host page's own keys. */
export const SESSION_KEY = 'twilio-webchat:v1:session';
/** Whether the panel was open; sessionStorage, so it lasts for the browser tab's session only. */
export const OPEN_KEY = 'twilio-webchat:v1:open';

function area(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    // Storage disabled (sandboxed iframe, privacy mode): the chat works without resuming.
    return null;
  }
}

export function readItem(kind: 'local' | 'session', key: string): string | null {
  try {
    return area(kind)?.getItem(key) ?? null;
  } catch {
    // Unreadable storage counts as nothing saved.
    return null;
  }
}

export function writeItem(kind: 'local' | 'session', key: string, value: string | null): void {
  try {
    const storage = area(kind);
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Quota or privacy mode: resuming is a convenience, never a requirement.
  }
}
