/**
 * Test controls under `/__emulator/` (JSON, no auth; loopback clients only, never other sites' pages):
 *   POST   /__emulator/reset              clear state (Conversations and Sync), request log, faults and realtime streams
 *   GET    /__emulator/requests           {requests: [{method, path, params, webhookEnabled, status}]}
 *   GET    /__emulator/conversations/:sid the conversation with participants and messages (+ webhookEnabled)
 *   POST   /__emulator/faults             add {method?, path, status?, code?, message?, delayMs?, times?, skip?} (faults.ts)
 *   DELETE /__emulator/faults             remove all faults
 * The twilsock side (twilsock/):
 *   POST   /__emulator/realtime/drop      cut every SDK socket now, as a network failure would → {dropped}
 *   POST   /__emulator/realtime/expire    end every SDK connection with 410 token expired now → {expired}
 *   POST   /__emulator/realtime/faults    {refuseInit?: {status, code, message?, times?}, refuseConnections?, initDelayMs?, frameDelayMs?}
 *   DELETE /__emulator/realtime/faults    remove realtime faults
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Faults, parseFault } from './faults';
import { isLoopback, isSameOriginOrNone, readBody, sendJson } from './http-io';
import type { RequestLog } from './request-log';
import type { EmulatorStore } from './store';
import type { SyncStore } from './sync-store';
import { parseRealtimeFault } from './twilsock/realtime-faults';
import type { TwilsockServer } from './twilsock/twilsock-server';
import { conversationView, messageView, participantView } from './views';

export interface ControlDependencies {
  store: EmulatorStore;
  sync: SyncStore;
  faults: Faults;
  log: RequestLog;
  twilsock: TwilsockServer;
  /** Ends realtime streams and typing, which refer to the state being cleared. */
  resetRealtime: () => void;
}

const MAX_CONTROL_BODY_BYTES = 16 * 1024;

export function createControlHandler(deps: ControlDependencies) {
  const { store, sync, faults, log, twilsock, resetRealtime } = deps;

  function conversationDetail(sid: string) {
    const conversation = store.findConversation(sid);
    if (!conversation) return undefined;
    return {
      ...conversationView(conversation),
      participants: store.listParticipants(conversation.sid).map((p) => participantView(store, p)),
      messages: store.listMessages(conversation.sid).map((m) => ({ ...messageView(store, m), webhookEnabled: m.webhookEnabled })),
    };
  }

  async function addFault(request: IncomingMessage, response: ServerResponse, add: (spec: unknown) => void): Promise<void> {
    try {
      add(JSON.parse((await readBody(request, MAX_CONTROL_BODY_BYTES)).toString('utf8')));
    } catch (error) {
      const message = error instanceof SyntaxError ? 'body must be JSON' : error instanceof Error ? error.message : 'bad fault';
      sendJson(response, 400, { error: message });
      return;
    }
    sendJson(response, 201, { ok: true });
  }

  return async function handleControl(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!isLoopback(request) || !isSameOriginOrNone(request)) {
      sendJson(response, 403, { error: 'test controls are only served to local programs' });
      return;
    }
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    const conversationMatch = /^GET \/__emulator\/conversations\/([^/]+)$/.exec(route);
    if (route === 'POST /__emulator/reset') {
      resetRealtime();
      store.reset();
      sync.reset();
      log.clear();
      faults.clear();
      sendJson(response, 200, { ok: true });
    } else if (route === 'GET /__emulator/requests') {
      sendJson(response, 200, { requests: log.list() });
    } else if (conversationMatch?.[1]) {
      const detail = conversationDetail(conversationMatch[1]);
      if (detail) sendJson(response, 200, detail);
      else sendJson(response, 404, { error: 'no such conversation' });
    } else if (route === 'POST /__emulator/faults') {
      await addFault(request, response, (spec) => faults.add(parseFault(spec)));
    } else if (route === 'DELETE /__emulator/faults') {
      faults.clear();
      sendJson(response, 200, { ok: true });
    } else if (route === 'POST /__emulator/realtime/drop') {
      sendJson(response, 200, { dropped: twilsock.dropAll() });
    } else if (route === 'POST /__emulator/realtime/expire') {
      sendJson(response, 200, { expired: twilsock.expireAll() });
    } else if (route === 'POST /__emulator/realtime/faults') {
      await addFault(request, response, (spec) => twilsock.faults.apply(parseRealtimeFault(spec)));
    } else if (route === 'DELETE /__emulator/realtime/faults') {
      twilsock.faults.clear();
      sendJson(response, 200, { ok: true });
    } else {
      sendJson(response, 404, { error: 'unknown emulator control' });
    }
  };
}
