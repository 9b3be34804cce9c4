/**
 * The agent desk: a page at the emulator's `/` where a person plays the Flex agent. The page and
 * its script are static (the script is desk/desk-app.ts bundled by esbuild on first request); the
 * page talks to the conversation through the real @twilio/conversations SDK over the emulator's
 * twilsock endpoint, as Flex would. A small loopback-only API does what Flex's backend does for
 * an agent (list conversations, join one as a User with the display name + a participant, mint
 * Access Tokens) and ends a conversation; shapes in desk/desk-types.ts:
 *
 *   GET  /desk/api/conversations                        → DeskConversationView[] (newest first)
 *   POST /desk/api/conversations/:sid/join {displayName} → DeskJoinView (token + WebSocket URI)
 *   POST /desk/api/conversations/:sid/close             → 204 (state closed)
 *   POST /desk/api/token {displayName}                  → DeskTokenView (renewal for a joined agent)
 *
 * The page also calls the realtime fault controls under `/__emulator/realtime/` (control.ts) so a
 * person can try reconnects.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { mintAccessToken, type TokenAuthority } from './access-token';
import { isLoopback, isSameOriginOrNone, readBody, sendJson } from './http-io';
import type { DeskConversationView, DeskJoinView, DeskTokenView } from './desk/desk-types';
import type { ConversationRecord, EmulatorStore } from './store';
import { TwilioError, invalidParameter, notFound } from './twilio-errors';
import { twilsockUrl } from './twilsock/twilsock-server';
import { conversationView, participantView } from './views';

const DESK_DIR = join(__dirname, 'desk');
/** An hour, like Flex's own agent tokens: a long session at the desk exercises token renewal. */
const AGENT_TOKEN_TTL_SECONDS = 60 * 60;
const MAX_DISPLAY_NAME_LENGTH = 64;

/**
 * No inline code anywhere: the desk must work under a strict CSP, like the widget. The SDK's
 * WebSocket and the media URLs name the emulator's own URL (`publicUrl`), which is another origin
 * when the page was opened as http://localhost:PORT, so that origin is allowed by name as well.
 */
function pageCsp(publicUrl: string): string {
  const http = new URL(publicUrl).origin;
  const ws = http.replace(/^http/, 'ws');
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' ${http}; connect-src 'self' ${http} ${ws}; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;
}

export interface DeskDependencies {
  store: EmulatorStore;
  authority: TokenAuthority;
  /** The emulator's own URL, e.g. http://127.0.0.1:3001 (known once it listens). */
  publicUrl: () => string;
}

/** Agents get a readable, stable identity derived from the display name they chose. */
export function agentIdentity(displayName: string): string {
  const slug = displayName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `agent-${slug || 'anonymous'}`;
}

export function createDeskHandler(deps: DeskDependencies) {
  const { store, authority } = deps;
  let script: Promise<string> | undefined;

  function bundleScript(): Promise<string> {
    script ??= build({
      entryPoints: [join(DESK_DIR, 'desk-app.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      logLevel: 'silent',
    }).then(
      (result) => result.outputFiles[0]?.text ?? '',
      (error: unknown) => {
        script = undefined; // let the next request try again (e.g. after fixing a syntax error)
        throw error;
      },
    );
    return script;
  }

  function deskConversation(conversation: ConversationRecord): DeskConversationView {
    return {
      ...conversationView(conversation),
      participants: store.listParticipants(conversation.sid).map((p) => participantView(store, p)),
      messageCount: store.listMessages(conversation.sid).length,
    };
  }

  /** The trimmed `displayName` of a JSON body. */
  async function readDisplayName(request: IncomingMessage): Promise<string> {
    let displayName: unknown;
    try {
      ({ displayName } = JSON.parse((await readBody(request, 4096)).toString('utf8')) as { displayName?: unknown });
    } catch {
      throw invalidParameter('Body must be JSON {displayName}');
    }
    if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.trim().length > MAX_DISPLAY_NAME_LENGTH) {
      throw invalidParameter(`displayName must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters`);
    }
    return displayName.trim();
  }

  async function tokenFor(identity: string): Promise<DeskTokenView> {
    const { token, expiresAt } = await mintAccessToken(authority, identity, AGENT_TOKEN_TTL_SECONDS);
    return { token, identity, expiration: new Date(expiresAt * 1000).toISOString() };
  }

  async function joinConversation(request: IncomingMessage, conversation: ConversationRecord): Promise<DeskJoinView> {
    const friendlyName = await readDisplayName(request);
    const identity = agentIdentity(friendlyName);
    const user = store.findUser(identity);
    if (!user) store.createUser({ identity, friendlyName });
    else if (user.friendlyName !== friendlyName) store.updateUser(user, { friendlyName });
    if (!store.findParticipant(conversation.sid, identity)) store.addParticipant(conversation, { identity });
    return { ...(await tokenFor(identity)), websocketUri: twilsockUrl(deps.publicUrl()) };
  }

  /** A fresh token for an agent who joined before (the User exists); joins nothing. */
  async function renewToken(request: IncomingMessage): Promise<DeskTokenView> {
    const identity = agentIdentity(await readDisplayName(request));
    if (!store.findUser(identity)) throw notFound(`/desk/api/token for ${identity}`);
    return tokenFor(identity);
  }

  /** A JSON content type forces a CORS preflight, which this API never grants: no cross-site posts. */
  function requireJson(request: IncomingMessage): void {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) throw invalidParameter('Content-Type must be application/json');
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/desk/api/conversations') {
      const conversations = store.listConversations().reverse().map(deskConversation);
      return sendJson(response, 200, conversations);
    }
    if (method === 'POST' && url.pathname === '/desk/api/token') {
      requireJson(request);
      return sendJson(response, 200, await renewToken(request));
    }
    const match = /^\/desk\/api\/conversations\/([^/]+)\/(join|close)$/.exec(url.pathname);
    const conversation = match?.[1] === undefined ? undefined : store.findConversation(match[1]);
    if (method !== 'POST' || !match || !conversation) throw notFound(url.pathname);
    requireJson(request);
    if (match[2] === 'join') return sendJson(response, 200, await joinConversation(request, conversation));
    store.updateConversation(conversation, { state: 'closed' });
    return sendJson(response, 204, undefined);
  }

  async function serveFile(response: ServerResponse, body: Promise<string>, contentType: string, headers: Record<string, string> = {}): Promise<void> {
    const text = await body;
    response
      .writeHead(200, { 'Content-Type': `${contentType}; charset=utf-8`, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers })
      .end(text);
  }

  /** Answers the desk's paths; returns false for anything else. */
  return async function handleDesk(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const get = request.method === 'GET';
    if (get && url.pathname === '/') {
      await serveFile(response, readFile(join(DESK_DIR, 'desk.html'), 'utf8'), 'text/html', { 'Content-Security-Policy': pageCsp(deps.publicUrl()), 'X-Frame-Options': 'DENY' });
      return true;
    }
    if (get && url.pathname === '/desk.css') {
      await serveFile(response, readFile(join(DESK_DIR, 'desk.css'), 'utf8'), 'text/css');
      return true;
    }
    if (get && url.pathname === '/desk.js') {
      await serveFile(response, bundleScript(), 'text/javascript');
      return true;
    }
    if (get && url.pathname === '/favicon.ico') {
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
      await api(request, response, url);
    } catch (error) {
      if (!(error instanceof TwilioError)) throw error;
      sendJson(response, error.status, error.toBody());
    }
    return true;
  };
}
