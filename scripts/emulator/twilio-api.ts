/**
 * The Twilio REST side: Basic auth, form/query parsing, fault injection, routing to the resources,
 * Twilio error JSON, and the request log. Conversations routes are served both at `/v1/...` and at
 * `/v1/Services/{IS}/...`, as Twilio does; Sync routes at `/v1/Services/{IS or default}/...`. Twilio
 * serves those from different hosts, which the emulator does not see; their paths do not collide.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAuthorized, type Credentials } from './auth';
import type { Faults } from './faults';
import { BodyTooLargeError, delay, readBody, sendJson } from './http-io';
import type { RequestLog } from './request-log';
import { conversationRoutes } from './resources/conversations';
import { messageRoutes } from './resources/messages';
import { participantRoutes } from './resources/participants';
import { syncCollectionRoutes } from './resources/sync-collections';
import { syncListRoutes } from './resources/sync-lists';
import { syncMapRoutes } from './resources/sync-maps';
import { syncServiceRoutes } from './resources/sync-services';
import { userRoutes } from './resources/users';
import { webChatRoutes, type WebChatsContext } from './resources/web-chats';
import { Router, type ApiRequest, type ApiResponse, type Route } from './router';
import type { SyncStore } from './sync-store';
import { TwilioError, authenticationFailed, invalidParameter } from './twilio-errors';

/** Twilio's form bodies are small; anything bigger is a mistake or abuse. */
const MAX_FORM_BODY_BYTES = 256 * 1024;

export interface TwilioApiDependencies {
  context: WebChatsContext;
  sync: SyncStore;
  credentials: Credentials;
  faults: Faults;
  log: RequestLog;
}

function buildTwilioRouter(context: WebChatsContext, sync: SyncStore): Router {
  const conversationsRoutes = [
    ...conversationRoutes(context),
    ...participantRoutes(context),
    ...messageRoutes(context),
    ...userRoutes(context),
  ];
  const mount = (prefix: string): Route[] => conversationsRoutes.map((r) => ({ ...r, template: prefix + r.template }));
  const syncContext = { sync, accountSid: context.accountSid };
  const syncRoutes = [
    ...syncServiceRoutes(syncContext),
    ...syncCollectionRoutes(syncContext, 'map'),
    ...syncMapRoutes(syncContext),
    ...syncCollectionRoutes(syncContext, 'list'),
    ...syncListRoutes(syncContext),
  ];
  return new Router([...webChatRoutes(context), ...mount('/v1'), ...mount('/v1/Services/:serviceSid'), ...syncRoutes]);
}

function lastValues(search: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of search) params[name] = value;
  return params;
}

export function createTwilioApiHandler(deps: TwilioApiDependencies) {
  const router = buildTwilioRouter(deps.context, deps.sync);

  async function answer(request: IncomingMessage, url: URL, multiParams: URLSearchParams): Promise<ApiResponse> {
    const method = request.method ?? 'GET';
    if (!isAuthorized(request.headers.authorization, deps.credentials)) throw authenticationFailed();
    const fault = deps.faults.take(method, url.pathname);
    if (fault) {
      await delay(fault.delayMs);
      if (fault.error) throw fault.error;
    }
    const { handler, pathParams } = router.resolve(method, url.pathname);
    const apiRequest: ApiRequest = {
      method,
      path: url.pathname,
      params: lastValues(multiParams),
      multiParams,
      pathParams,
      headers: request.headers,
      webhookEnabled: request.headers['x-twilio-webhook-enabled'] === 'true',
    };
    return handler(apiRequest);
  }

  return async function handleTwilioApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    let multiParams = new URLSearchParams();
    let result: ApiResponse;
    try {
      multiParams = method === 'POST' ? await readForm(request) : url.searchParams;
      result = await answer(request, url, multiParams);
    } catch (error) {
      result = toErrorResponse(error);
    }
    deps.log.add({
      method,
      path: url.pathname,
      params: lastValues(multiParams),
      webhookEnabled: request.headers['x-twilio-webhook-enabled'] === 'true',
      status: result.status,
    });
    const authHeader = result.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Twilio API"' } : {};
    sendJson(response, result.status, result.body, authHeader);
  };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body: Buffer;
  try {
    body = await readBody(request, MAX_FORM_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new TwilioError(413, 20001, error.message);
    throw error;
  }
  const type = request.headers['content-type'] ?? '';
  if (body.length > 0 && !type.startsWith('application/x-www-form-urlencoded')) {
    throw invalidParameter('Request body must be application/x-www-form-urlencoded');
  }
  return new URLSearchParams(body.toString('utf8'));
}

function toErrorResponse(error: unknown): ApiResponse {
  if (error instanceof TwilioError) return { status: error.status, body: error.toBody() };
  console.error('emulator: unexpected error', error);
  const internal = new TwilioError(500, 20500, 'Internal Server Error');
  return { status: 500, body: internal.toBody() };
}
