/**
 * The emulator serves this machine only. A page on any site can make a browser send requests to
 * 127.0.0.1 under its own name by DNS rebinding (its name first resolves to the site, then to
 * 127.0.0.1); the request then carries that name in `Host` and the page may read the answers as
 * same-origin. Answering only the loopback names, with the emulator's port, closes that door for the
 * desk, its API, the control API, media and the WebSocket alike. An IP literal cannot be rebound, so
 * the address the emulator was bound to (when not a wildcard) is also accepted.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The `Host` values the emulator answers, each with its port. */
export function loopbackHosts(boundHost: string, port: number): ReadonlySet<string> {
  const bound = boundHost === '0.0.0.0' || boundHost === '::' ? [] : [boundHost.includes(':') ? `[${boundHost}]` : boundHost];
  return new Set([...LOOPBACK_NAMES, ...bound].map((name) => `${name.toLowerCase()}:${port}`));
}

export function hasLoopbackHost(request: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = request.headers.host;
  return typeof host === 'string' && allowed.has(host.toLowerCase());
}

/** 421 Misdirected Request (RFC 9110 section 15.5.20): this server does not answer for that name. */
export function misdirectedBody(allowed: ReadonlySet<string>): string {
  return JSON.stringify({
    code: 20403,
    message: `This local emulator answers only ${[...allowed].join(', ')}: another Host (as DNS rebinding sends) is refused.`,
    more_info: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20',
    status: 421,
  });
}
