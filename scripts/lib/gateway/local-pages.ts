/**
 * What the gateway answers itself, never asking twilio-run: nothing on the local stack may send a
 * browser to the network (twilio-run redirects /favicon.ico to twilio.com), and the demo page's
 * link to the agent desk must reach the desk at whatever port EMULATOR_PORT gave it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The demo page links here (demo/index.html). */
export const DESK_LINK_PATH = '/agent-desk';

/** Answers the request when it is one of these pages; false otherwise. */
export function answerLocalPage(request: IncomingMessage, response: ServerResponse, deskUrl: string | undefined): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = (request.url ?? '/').split('?')[0];
  if (pathname === '/favicon.ico') {
    // No icon rather than Twilio's: a browser shows its default one.
    response.writeHead(204, { 'Cache-Control': 'max-age=86400' });
    response.end();
    return true;
  }
  if (pathname === DESK_LINK_PATH && deskUrl !== undefined) {
    response.writeHead(302, { Location: deskUrl, 'Cache-Control': 'no-store' });
    response.end();
    return true;
  }
  return false;
}
