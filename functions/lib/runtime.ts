/**
 * The slice of the Twilio Functions runtime our handlers use, typed against the project's own
 * `twilio` (the runtime's published types pin an older twilio major).
 */
import type { ClientOpts, Twilio } from 'twilio';

export interface FunctionContext {
  getTwilioClient(options?: ClientOpts): Twilio;
  readonly [variable: string]: unknown;
}

/** What the runtime passes as `event`: query and body parameters, plus the request's headers. */
export interface FunctionEvent {
  request?: { headers?: Record<string, string | string[] | undefined> };
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

/** A header's value, case-insensitively, first value when repeated. */
export function header(event: FunctionEvent, name: string): string | undefined {
  const headers = event.request?.headers ?? {};
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
