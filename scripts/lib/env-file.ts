import { randomBytes } from 'node:crypto';

/** Parses the KEY=value lines of a .env file (comments and blank lines skipped, no expansion). */
export function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (line.startsWith('#') || match === null) continue;
    const [, key, value] = match as unknown as [string, string, string];
    values[key] = value.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

export function formatEnv(values: Readonly<Record<string, string>>): string {
  return Object.entries(values).map(([key, value]) => `${key}=${value}`).join('\n') + '\n';
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * Fake credentials in the shapes `getTwilioClient()` insists on (AC + 32 hex, a 32-character
 * token); only the local emulator accepts them.
 */
export function fakeTwilioEnv(): Record<string, string> {
  return {
    ACCOUNT_SID: `AC${hex(16)}`,
    AUTH_TOKEN: hex(16),
    API_KEY: `SK${hex(16)}`,
    API_SECRET: hex(16),
    ADDRESS_SID: `IG${hex(16)}`,
    CONVERSATIONS_SERVICE_SID: `IS${hex(16)}`,
  };
}

/**
 * `text` with `values` set: a variable's existing line is rewritten in place (comments and order
 * kept), a new one is added at the end.
 */
export function withValues(text: string, values: Readonly<Record<string, string>>): string {
  const pending = new Map(Object.entries(values));
  const lines = text.replace(/\n*$/, '').split('\n').map((line) => {
    const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    const value = key === undefined ? undefined : pending.get(key);
    if (key === undefined || value === undefined) return line;
    pending.delete(key);
    return `${key}=${value}`;
  });
  return [...lines, ...[...pending].map(([key, value]) => `${key}=${value}`)].join('\n') + '\n';
}

/** A secret for signing visitors' identity tokens (HS256): 256 random bits, as RFC 7518 section 3.2 asks. */
export function visitorIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}
