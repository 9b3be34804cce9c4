/**
 * The Twilio REST side: Basic auth, form/query parsing, fault injection, routing to the resources,
 * Twilio error JSON, and the request log. Conversations routes are served both at `/v1/...` and at
 * `/v1/Services/{IS}/...`, as Twilio does; Sync routes at `/v1/Services/{IS or default}/...`.
 *
 * Callers reach every Twilio host here with the host dropped (twilio-node through a redirecting
 * httpClient, twilio-run's client through scripts/lib/serverless-client.ts), so routes are told
 * apart by path alone. Serverless owns `/v1/Services` and `/v1/Services/{ZS}/{Environments,
 * Functions,Assets,Builds}`, Conversations `/v1/Services/{IS}/{Conversations,Users}`, Sync
 * `/v1/Services/{IS or default}/{Maps,Lists}`; the one shared path, a service by its sid, is told
 * apart by the sid's prefix. The Flex `/v1/Configuration` is the only `Configuration` served
 * (Conversations' own is not emulated).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAuthorized, type Credentials } from './auth';
import type { Faults } from '../controls/faults';
import { BodyTooLargeError, delay, readBody, sendJson } from '../http-io';
import type { RequestLog } from '../controls/request-log';
import { parseMultipart, type UploadedPart } from './multipart';
import { addressRoutes, type FlexAccountContext } from './resources/addresses';
import { apiKeyRoutes } from './resources/api-keys';
import { conversationRoutes } from './resources/conversations';
import { flexConfigurationRoutes } from './resources/flex-configuration';
import { interactionChannelRoutes } from './resources/interaction-channels';
import { messageRoutes } from './resources/messages';
import { participantRoutes } from './resources/participants';
import { syncCollectionRoutes } from './resources/sync-collections';
import { syncListRoutes } from './resources/sync-lists';
import { syncMapRoutes } from './resources/sync-maps';
import { syncServiceRoutes } from './resources/sync-services';
import type { ServerlessContext } from './resources/serverless-common';
import { serverlessCodeRoutes } from './resources/serverless-code';
import { serverlessServiceRoutes } from './resources/serverless-services';
import { serviceConfigurationRoute, serviceRoleRoutes } from './resources/service-roles';
import { studioFlowRoutes } from './resources/studio-flows';
import { taskChannelRoutes } from './resources/task-channels';
import { taskRoutes } from './resources/taskrouter-tasks';
import { userRoutes } from './resources/users';
import { webChatRoutes, type WebChatsContext } from './resources/web-chats';
import { Router, type ApiRequest, type ApiResponse, type Route } from './router';
import type { SyncStore } from '../store/sync-store';
import { TwilioError, authenticationFailed, invalidParameter } from '../twilio-errors';

/** Twilio's form bodies are small; anything bigger is a mistake or abuse. */
const MAX_FORM_BODY_BYTES = 256 * 1024;
/** Uploaded function and asset versions: well above the widget's largest file (about 0.5 MB). */
const MAX_UPLOAD_BODY_BYTES = 10 * 1024 * 1024;

export interface TwilioApiDependencies {
  context: WebChatsContext & FlexAccountContext & ServerlessContext;
  sync: SyncStore;
  credentials: Credentials;
  faults: Faults;
  log: RequestLog;
}

function buildTwilioRouter(context: TwilioApiDependencies['context'], sync: SyncStore): Router {
  const conversationsRoutes = [
    ...conversationRoutes(context),
    ...participantRoutes(context),
    ...messageRoutes(context),
    ...userRoutes(context),
    ...serviceRoleRoutes(context),
  ];
  const mount = (prefix: string): Route[] => conversationsRoutes.map((r) => ({ ...r, template: prefix + r.template }));
  const syncContext = { sync, accountSid: context.accountSid };
  const [serverlessService, ...serverlessRoutes] = byServiceFetch(serverlessServiceRoutes(context));
  const [syncService, ...syncServiceRest] = byServiceFetch(syncServiceRoutes(syncContext));
  // Both APIs fetch a service at /v1/Services/{sid}: Serverless services are ZS…, Sync services IS… or `default`.
  const serviceFetch: Route = {
    method: 'GET',
    template: '/v1/Services/:sid',
    handler: (request) => ((request.pathParams.sid ?? '').startsWith('ZS') ? serverlessService : syncService).handler(request),
  };
  return new Router([
    ...webChatRoutes(context),
    ...mount('/v1'),
    ...mount('/v1/Services/:serviceSid'),
    serviceConfigurationRoute(context),
    serviceFetch,
    ...syncServiceRest,
    ...syncCollectionRoutes(syncContext, 'map'),
    ...syncMapRoutes(syncContext),
    ...syncCollectionRoutes(syncContext, 'list'),
    ...syncListRoutes(syncContext),
    ...flexConfigurationRoutes(context),
    ...addressRoutes(context),
    ...studioFlowRoutes(context),
    ...apiKeyRoutes(context),
    ...taskChannelRoutes(context),
    ...taskRoutes(context),
    ...interactionChannelRoutes(context),
    ...serverlessRoutes,
    ...serverlessCodeRoutes(context),
  ]);
}

/** The routes with the service fetch (`GET /v1/Services/:sid`) first, which must exist. */
function byServiceFetch(routes: Route[]): [Route, ...Route[]] {
  const fetch = routes.find((route) => route.method === 'GET' && route.template === '/v1/Services/:sid');
  if (fetch === undefined) throw new Error('no service fetch route');
  return [fetch, ...routes.filter((route) => route !== fetch)];
}

function lastValues(search: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of search) params[name] = value;
  return params;
}

export function createTwilioApiHandler(deps: TwilioApiDependencies) {
  const router = buildTwilioRouter(deps.context, deps.sync);

  async function answer(request: IncomingMessage, url: URL, body: RequestBody): Promise<ApiResponse> {
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
      params: lastValues(body.form),
      multiParams: body.form,
      parts: body.parts,
      pathParams,
      headers: request.headers,
      webhookEnabled: request.headers['x-twilio-webhook-enabled'] === 'true',
    };
    return handler(apiRequest);
  }

  return async function handleTwilioApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    let body: RequestBody = { form: new URLSearchParams() };
    let result: ApiResponse;
    try {
      body = method === 'POST' ? await readRequestBody(request) : { form: url.searchParams };
      result = await answer(request, url, body);
    } catch (error) {
      result = toErrorResponse(error);
    }
    deps.log.add({
      method,
      path: url.pathname,
      params: lastValues(body.form),
      webhookEnabled: request.headers['x-twilio-webhook-enabled'] === 'true',
      status: result.status,
    });
    const authHeader = result.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Twilio API"' } : {};
    sendJson(response, result.status, result.body, authHeader);
  };
}

interface RequestBody {
  form: URLSearchParams;
  parts?: UploadedPart[];
}

/** A form body, or a multipart one (uploads), whose text parts also count as form parameters. */
async function readRequestBody(request: IncomingMessage): Promise<RequestBody> {
  const type = request.headers['content-type'] ?? '';
  const multipart = type.startsWith('multipart/form-data');
  let body: Buffer;
  try {
    body = await readBody(request, multipart ? MAX_UPLOAD_BODY_BYTES : MAX_FORM_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new TwilioError(413, 20001, error.message);
    throw error;
  }
  if (multipart) {
    const parts = parseMultipart(body, type);
    const form = new URLSearchParams(parts.filter((part) => part.filename === null).map((part) => [part.name, part.data.toString('utf8')]));
    return { form, parts };
  }
  if (body.length > 0 && !type.startsWith('application/x-www-form-urlencoded')) {
    throw invalidParameter('Request body must be application/x-www-form-urlencoded');
  }
  return { form: new URLSearchParams(body.toString('utf8')) };
}

function toErrorResponse(error: unknown): ApiResponse {
  if (error instanceof TwilioError) return { status: error.status, body: error.toBody() };
  console.error('emulator: unexpected error', error);
  const internal = new TwilioError(500, 20500, 'Internal Server Error');
  return { status: 500, body: internal.toBody() };
}
