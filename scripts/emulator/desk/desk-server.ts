/**
 * The agent desk: a page at the emulator's `/` where a person plays the Flex agent. The page is
 * app/ as `npm run build` bundled it (desk-page.ts serves it); it talks to the conversation
 * through the real @twilio/conversations SDK over the emulator's twilsock endpoint, as Flex would,
 * and to a small loopback-only API for what Flex's backend does (desk-api.ts). The page also calls
 * the realtime fault controls under `/__emulator/realtime/` (controls/control-api.ts) so a person
 * can try reconnects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback, isSameOriginOrNone, sendJson } from '../http-io';
import { TwilioError } from '../twilio-errors';
import { createDeskApi, type DeskApiDependencies } from './desk-api';
import { serveDeskPage } from './desk-page';

export interface DeskDependencies extends DeskApiDependencies {
  /** The built page's folder (dist/desk unless a test says otherwise). */
  pageDir: string;
}

export function createDeskHandler(deps: DeskDependencies) {
  const deskApi = createDeskApi(deps);

  /** Answers the desk's paths; returns false for anything else. */
  return async function handleDesk(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (request.method === 'GET' && (await serveDeskPage(response, url.pathname, deps.pageDir, deps.publicUrl()))) return true;
    if (request.method === 'GET' && url.pathname === '/favicon.ico') {
      // Browsers ask for it; without this they would get the REST API's 401 and log an error.
      response.writeHead(204).end();
      return true;
    }
    if (!url.pathname.startsWith('/desk/api/')) return false;
    if (!isLoopback(request) || !isSameOriginOrNone(request)) {
      sendJson(response, 403, new TwilioError(403, 20403, 'The agent desk API only serves this machine').toBody());
      return true;
    }
    try {
      await deskApi(request, response, url);
    } catch (error) {
      if (!(error instanceof TwilioError)) throw error;
      sendJson(response, error.status, error.toBody());
    }
    return true;
  };
}
