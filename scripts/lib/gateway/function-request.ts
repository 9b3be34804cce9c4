/**
 * What the gateway checks before a request reaches a Function. Each check throws a GatewayRefusal that
 * names the problem; what passes is exactly what the Function would have received on Twilio.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayRefusal } from './gateway-error';
import { jsonDepth } from './json-depth';
import { MAX_JSON_DEPTH, MAX_PARAMETERS } from './limits';
import { parameterCount, parseForm, parseQuery } from './runtime-parsers';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** The runtime builds `event` as `{request: {headers, cookies}, ...query, ...body}`
 * (@twilio/runtime-handler dev-runtime/route.js constructEvent): a parameter with this name would
 * replace the headers a Function checks (the Origin above all). */
const RESERVED_PARAMETER = 'request';

export interface MediaType {
  type: string;
  charset: string | undefined;
}

export function mediaType(header: string | undefined): MediaType | undefined {
  if (header === undefined) return undefined;
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters
    .map((parameter) => parameter.split('='))
    .find(([name]) => name?.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1');
  return { type: type.trim().toLowerCase(), charset };
}

function refuseReserved(parameters: object, where: string): void {
  if (Object.hasOwn(parameters, RESERVED_PARAMETER)) {
    throw new GatewayRefusal(400, 'RESERVED_PARAMETER', `The ${where} parameter "${RESERVED_PARAMETER}" is not allowed: the runtime keeps the request's headers under that name.`, {}, RESERVED_PARAMETER);
  }
}

function refuseTooMany(count: number, where: string): void {
  if (count > MAX_PARAMETERS) {
    throw new GatewayRefusal(413, 'TOO_MANY_PARAMETERS', `The ${where} has ${count} parameters; at most ${MAX_PARAMETERS} are accepted.`);
  }
}

/** Method, query string and headers: everything known before the body is read. */
export function checkFunctionRequestHead(method: string, url: string, headers: IncomingHttpHeaders, withBody: boolean): void {
  // Twilio: "If a GET request includes a body, Twilio Functions returns an HTTP 403 Forbidden" (request-flow).
  if (method === 'GET' && withBody) throw new GatewayRefusal(403, 'BODY_NOT_ALLOWED', 'A GET request must not carry a body.');
  // Twilio runs a Function for GET and POST only ("PUT and DELETE are not supported", request-flow);
  // each Function refuses the one of the two it does not take (initWebchat a GET, say) itself.
  if (method !== 'POST' && method !== 'GET') {
    throw new GatewayRefusal(405, 'METHOD_NOT_ALLOWED', `Functions answer GET and POST, not ${method}.`, { Allow: 'GET, POST' });
  }
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  refuseTooMany(parameterCount(query), 'query string');
  refuseReserved(parseQuery(query), 'query');

  const encoding = headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new GatewayRefusal(415, 'UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding ${encoding} is not supported; send the body uncompressed.`);
  }
  // A declared type is held to the rules even over an empty body: what it says must be true.
  if (!withBody && headers['content-type'] === undefined) return;
  const media = mediaType(headers['content-type']);
  // Twilio: POST bodies are application/json or application/x-www-form-urlencoded (request-flow).
  if (media?.type !== JSON_TYPE && media?.type !== FORM_TYPE) {
    throw new GatewayRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `A body must be ${JSON_TYPE} or ${FORM_TYPE}${media === undefined ? '' : `, not ${media.type || 'an empty type'}`}.`);
  }
  if (media.charset !== undefined && media.charset.toLowerCase() !== 'utf-8') {
    throw new GatewayRefusal(415, 'UNSUPPORTED_CHARSET', `The charset ${JSON.stringify(media.charset)} is not supported; send UTF-8.`);
  }
}

function decodeUtf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new GatewayRefusal(400, 'INVALID_ENCODING', 'The body is not valid UTF-8.');
  }
}

function parseJsonBody(text: string): object {
  if (text.trim() === '') return {};
  // body-parser's strict mode: an object or an array, nothing else.
  if (!/^[\s]*[[{]/.test(text)) throw new GatewayRefusal(400, 'INVALID_JSON', 'The JSON body must be an object.');
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new GatewayRefusal(400, 'JSON_TOO_DEEP', `The JSON body nests ${depth} levels deep; at most ${MAX_JSON_DEPTH} are accepted.`);
  }
  try {
    return JSON.parse(text) as object;
  } catch {
    throw new GatewayRefusal(400, 'INVALID_JSON', 'The body is not valid JSON.');
  }
}

/** The body, once read: its encoding, its syntax, its parameters. */
export function checkFunctionRequestBody(contentType: string | undefined, body: Buffer): void {
  if (body.length === 0) return;
  const text = decodeUtf8(body);
  if (mediaType(contentType)?.type === JSON_TYPE) {
    const parameters = parseJsonBody(text);
    refuseTooMany(Object.keys(parameters).length, 'JSON body');
    refuseReserved(parameters, 'body');
  } else {
    refuseTooMany(parameterCount(text), 'form body');
    refuseReserved(parseForm(text), 'body');
  }
}
