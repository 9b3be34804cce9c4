/**
 * Test controls under `/__emulator/` (JSON, no auth; loopback clients only, never other sites' pages):
 *   POST   /__emulator/reset              clear state (Conversations and Sync), request log, faults and realtime
 *                                         streams; the account is a fresh Flex account again, with no Serverless services
 *                                         and the service's roles as Flex creates them (as before `npm run setup`)
 *   GET    /__emulator/requests           {requests: [{method, path, params, webhookEnabled, status}]}
 *   GET    /__emulator/conversations/:sid the conversation with participants and messages (+ webhookEnabled)
 *   GET    /__emulator/outbox             {emails: [{id, receivedAt, to, from, subject, text, html}]}: what
 *                                         SendGrid's stand-in accepted (rest/sendgrid-mail-send.ts), oldest first
 *   POST   /__emulator/faults             add {method?, path, status?, code?, message?, delayMs?, times?, skip?} (faults.ts)
 *   DELETE /__emulator/faults             remove all faults
 *   GET    /__emulator/serverless/environments/:sid   what that environment's domain serves now:
 *                                         {domain, files: [{kind, path, visibility, content}]}
 * The twilsock side (realtime/):
 *   POST   /__emulator/realtime/drop      cut every SDK socket now, as a network failure would → {dropped};
 *                                         with a body {identity}, only that identity's sockets
 *   POST   /__emulator/realtime/expire    end every SDK connection with 410 token expired now → {expired};
 *                                         with a body {identity}, only that identity's connections
 *   POST   /__emulator/realtime/faults    {refuseInit?: {status, code, message?, times?}, refuseConnections?, initDelayMs?,
 *                                         frameDelayMs?, failRequests?, identity?} (realtime-faults.ts; identity narrows frameDelayMs)
 *   DELETE /__emulator/realtime/faults    remove realtime faults
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Faults, parseFault } from './faults';
import { isLoopback, isSameOriginOrNone, readBody, sendJson } from '../http-io';
import type { RequestLog } from './request-log';
import type { ServerlessStore } from '../store/serverless-store';
import type { ConversationsStore } from '../store/conversations-store';
import type { Outbox } from '../store/outbox';
import { parseRealtimeFault, parseTarget } from './realtime-faults';
import type { TwilsockServer } from '../realtime/twilsock-server';
import { conversationView, messageView, participantView } from '../rest/views';

export interface ControlDependencies {
  store: ConversationsStore;
  /** Account-level state (Flex addresses, flows, keys; Serverless services; Sync) that reset restores. */
  accountState: ReadonlyArray<{ reset(): void }>;
  serverless: ServerlessStore;
  outbox: Outbox;
  faults: Faults;
  log: RequestLog;
  twilsock: TwilsockServer;
  /** Ends realtime streams and typing, which refer to the state being cleared. */
  resetRealtime: () => void;
}

const MAX_CONTROL_BODY_BYTES = 16 * 1024;

export function createControlHandler(deps: ControlDependencies) {
  const { store, accountState, serverless, outbox, faults, log, twilsock, resetRealtime } = deps;

  function conversationDetail(sid: string) {
    const conversation = store.findConversation(sid);
    if (!conversation) return undefined;
    return {
      ...conversationView(conversation),
      participants: store.listParticipants(conversation.sid).map((p) => participantView(store, p)),
      messages: store.listMessages(conversation.sid).map((m) => ({ ...messageView(store, m), webhookEnabled: m.webhookEnabled })),
    };
  }

  /** The files of the build an environment's latest deployment activated, as text. */
  function deployedFiles(environmentSid: string) {
    const environment = serverless.environments.get(environmentSid);
    if (!environment) return undefined;
    const build = environment.buildSid === null ? undefined : serverless.builds.get(environment.buildSid);
    const sids = build === undefined ? [] : [...build.functionVersionSids, ...build.assetVersionSids];
    const files = sids.flatMap((sid) => {
      const version = serverless.versions.get(sid);
      return version === undefined ? [] : [{ kind: version.kind, path: version.path, visibility: version.visibility, content: version.content.toString('utf8') }];
    });
    return { domain: environment.domainName, files };
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

  /** Runs a realtime action on the connections the body names (parseTarget) and answers its count. */
  async function act(request: IncomingMessage, response: ServerResponse, action: (identity: string | undefined) => Record<string, number>): Promise<void> {
    let identity: string | undefined;
    try {
      identity = parseTarget((await readBody(request, MAX_CONTROL_BODY_BYTES)).toString('utf8'));
    } catch (error) {
      sendJson(response, 400, { error: error instanceof SyntaxError ? 'body must be JSON' : error instanceof Error ? error.message : 'bad target' });
      return;
    }
    sendJson(response, 200, action(identity));
  }

  return async function handleControl(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!isLoopback(request) || !isSameOriginOrNone(request)) {
      sendJson(response, 403, { error: 'test controls are only served to local programs' });
      return;
    }
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    const conversationMatch = /^GET \/__emulator\/conversations\/([^/]+)$/.exec(route);
    const environmentMatch = /^GET \/__emulator\/serverless\/environments\/([^/]+)$/.exec(route);
    if (route === 'POST /__emulator/reset') {
      resetRealtime();
      store.reset();
      for (const state of accountState) state.reset();
      log.clear();
      faults.clear();
      sendJson(response, 200, { ok: true });
    } else if (route === 'GET /__emulator/outbox') {
      sendJson(response, 200, { emails: outbox.list() });
    } else if (route === 'GET /__emulator/requests') {
      sendJson(response, 200, { requests: log.list() });
    } else if (conversationMatch?.[1]) {
      const detail = conversationDetail(conversationMatch[1]);
      if (detail) sendJson(response, 200, detail);
      else sendJson(response, 404, { error: 'no such conversation' });
    } else if (environmentMatch?.[1]) {
      const deployed = deployedFiles(environmentMatch[1]);
      if (deployed) sendJson(response, 200, deployed);
      else sendJson(response, 404, { error: 'no such environment' });
    } else if (route === 'POST /__emulator/faults') {
      await addFault(request, response, (spec) => faults.add(parseFault(spec)));
    } else if (route === 'DELETE /__emulator/faults') {
      faults.clear();
      sendJson(response, 200, { ok: true });
    } else if (route === 'POST /__emulator/realtime/drop') {
      await act(request, response, (identity) => ({ dropped: twilsock.drop(identity) }));
    } else if (route === 'POST /__emulator/realtime/expire') {
      await act(request, response, (identity) => ({ expired: twilsock.expire(identity) }));
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
