/**
 * What a Function can tell about the HTTP request from the headers the runtime passes. The runtime
 * gives no method: Twilio runs Functions only for GET and POST (answering OPTIONS itself), and a
 * GET with a body is refused before any Function runs, so a request without a `content-length`
 * above zero carried no body and was not the POST our Functions accept.
 */
import { invalidRequest, WebchatError } from './errors';
import type { RequestHeaders } from './runtime';

const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

function single(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined || typeof value === 'string') return value;
  if (value.length === 1) return value[0];
  throw invalidRequest(`The request has ${value.length} ${name} headers; send exactly one.`);
}

/** Refuses anything but a POST with a JSON or form body (405 with `Allow: POST`, or 415). */
export function requirePostBody(headers: RequestHeaders): void {
  const contentType = single(headers, 'content-type');
  if (!(Number(single(headers, 'content-length')) > 0)) {
    throw new WebchatError(405, 'METHOD_NOT_ALLOWED', 'Send a POST request with a JSON body.', { allow: 'POST' });
  }
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!BODY_TYPES.includes(mediaType)) {
    throw new WebchatError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  }
}

/** The request's one Origin header; two are refused (a proxy or a forgery, never a browser). */
export function requestOrigin(headers: RequestHeaders): string | undefined {
  return single(headers, 'origin');
}
