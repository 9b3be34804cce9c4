/**
 * The Twilio REST side: Basic auth, form/query parsing, fault injection, routing to the resources
 * of the product the caller asked for (rest/product-routes.ts), Twilio error JSON, and the request
 * log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PRODUCT_HOST_HEADER } from '../../../contract/api-redirect';
import { isAuthorized, type Credentials } from './auth';
import type { Faults } from '../controls/faults';
import { BodyTooLargeError, delay, readBody, sendJson } from '../http-io';
import type { RequestLog } from '../controls/request-log';
import { parseMultipart, type UploadedPart } from './multipart';
import type { FlexAccountContext } from './resources/addresses';
import type { ServerlessContext } from './resources/serverless-common';
import type { WebChatsContext } from './resources/web-chats';
import type { ApiRequest, ApiResponse } from './router';
import { productRouting } from './product-routes';
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

function lastValues(search: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of search) params[name] = value;
  return params;
}

export function createTwilioApiHandler(deps: TwilioApiDependencies) {
  const routing = productRouting(deps.context, deps.sync);

  async function answer(request: IncomingMessage, url: URL, body: RequestBody): Promise<ApiResponse> {
    const method = request.method ?? 'GET';
    if (!isAuthorized(request.headers.authorization, deps.credentials)) throw authenticationFailed();
    const fault = deps.faults.take(method, url.pathname);
    if (fault) {
      await delay(fault.delayMs);
      if (fault.error) throw fault.error;
    }
    const { handler, pathParams } = routing(request.headers[PRODUCT_HOST_HEADER]).resolve(method, url.pathname);
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
