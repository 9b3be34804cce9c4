/**
 * The slice of the Twilio Functions runtime our handlers use, typed against the project's own
 * `twilio` (the runtime's published types pin an older twilio major).
 */
import type { ClientOpts, Twilio } from 'twilio';
import { invalidRequest } from './errors';

export interface FunctionContext {
  getTwilioClient(options?: ClientOpts): Twilio;
  readonly [variable: string]: unknown;
}

/** What the runtime passes as `event`: query and body parameters, plus the request's headers. */
export interface FunctionEvent {
  request?: unknown;
  readonly [parameter: string]: unknown;
}

export interface TwilioResponse {
  setStatusCode(status: number): TwilioResponse;
  setBody(body: object | string): TwilioResponse;
  appendHeader(name: string, value: string): TwilioResponse;
}

export type FunctionCallback = (error: Error | string | null, response?: TwilioResponse) => void;

export type FunctionHandler = (context: FunctionContext, event: FunctionEvent, callback: FunctionCallback) => Promise<void>;

/** The runtime's global `Twilio.Response`, looked up when used so tests can provide it. */
export function newResponse(): TwilioResponse {
  const runtime = (globalThis as { Twilio?: { Response?: new () => TwilioResponse } }).Twilio;
  if (!runtime?.Response) throw new Error('Twilio.Response is not available: not running inside Twilio Functions');
  return new runtime.Response();
}

/** Header values by lower-case name, repeated headers as arrays, as the runtime delivers them. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[]>>;

function isHeaderValue(value: unknown): value is string | string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The request's headers. The runtime spreads query and body parameters over its own `request`
 * (`{headers, cookies}`), so a caller's parameter named `request` replaces them: anything but the
 * runtime's exact shape is refused. A careful forgery can still copy that shape; what keeps it
 * useless from other sites' pages is that the browser checks `Access-Control-Allow-Origin` against
 * the page's real origin before the page may read the challenge it needs (see challenge.ts).
 */
export function requestHeaders(event: FunctionEvent): RequestHeaders {
  const request = event.request;
  if (request === undefined) return {};
  if (
    !isRecord(request) ||
    Object.keys(request).some((key) => key !== 'headers' && key !== 'cookies') ||
    !isRecord(request.headers) ||
    !isRecord(request.cookies) ||
    !Object.entries(request.headers).every(([name, value]) => name === name.toLowerCase() && isHeaderValue(value))
  ) {
    throw invalidRequest('"request" is not a parameter of this Function: it would replace the request\'s headers.');
  }
  return request.headers as RequestHeaders;
}

/** The caller's parameters: the event without the runtime's `request`. */
export function parameters(event: FunctionEvent): Readonly<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(event).filter(([name]) => name !== 'request'));
}
