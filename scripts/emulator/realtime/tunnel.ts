/**
 * Requests tunnelled through twilsock (`message` frames): what the SDK sends in `http_request`
 * (twilsock/dist/services/upstream.js), routed by path to the Conversations client API (aim.*) and
 * Sync (cds.*) handlers, answered with an `http_status` and a JSON body. Errors are Twilio error
 * JSON, which is what the SDK's error mapping reads (twilio-sync services/network.js).
 */
import { Router, type Route } from '../rest/router';
import { TwilioError, invalidParameter } from '../twilio-errors';
import type { SessionSubscriptions } from './subscriptions';

/** Who sent a tunnelled request: the identity of its verified token and its connection's subscriptions. */
export interface Caller {
  identity: string;
  subscriptions: SessionSubscriptions;
}

export interface TunnelRequest {
  caller: Caller;
  method: string;
  /** A label such as aim.us1.twilio.com; links we hand out keep the caller's region. */
  host: string;
  path: string;
  /** Query parameters, decoded. */
  query: Readonly<Record<string, string>>;
  /** A JSON object or form fields, whichever the SDK sent. */
  body: Readonly<Record<string, unknown>>;
  pathParams: Readonly<Record<string, string>>;
}

export interface TunnelResponse {
  status: number;
  body: unknown;
  /** Work to do once the reply is on the wire (e.g. Sync events that must follow it). */
  after?: () => void;
}

export type TunnelHandler = (request: TunnelRequest) => TunnelResponse;
export type TunnelRoute = Route<TunnelHandler>;

export interface HttpRequestHeader {
  host: string;
  path: string;
  method: string;
  params: Record<string, string | string[]>;
  headers: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `http_request` of a `message` frame, or undefined when it is malformed. */
export function parseHttpRequest(value: unknown): HttpRequestHeader | undefined {
  if (!isRecord(value)) return undefined;
  const { host, path, method, params, headers } = value;
  if (typeof host !== 'string' || typeof path !== 'string' || typeof method !== 'string') return undefined;
  const stringRecord = (input: unknown): Record<string, string> =>
    isRecord(input) ? Object.fromEntries(Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
  const paramRecord: Record<string, string | string[]> = {};
  if (isRecord(params)) {
    for (const [name, raw] of Object.entries(params)) {
      if (typeof raw === 'string' || (Array.isArray(raw) && raw.every((v) => typeof v === 'string'))) paramRecord[name] = raw;
    }
  }
  return { host, path, method: method.toUpperCase(), params: paramRecord, headers: stringRecord(headers) };
}

/** twilsock passes query values as they were in the URL (upstream.js parseUri): decode them. */
function decodeQuery(params: Record<string, string | string[]>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, raw] of Object.entries(params)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    try {
      query[decodeURIComponent(name)] = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      throw invalidParameter(`Malformed query parameter ${name}`);
    }
  }
  return query;
}

/** The SDK sends JSON bodies, except typing, which is a form (services/typing-indicator.js). */
function parseBody(payload: unknown, contentType: string): Record<string, unknown> {
  if (payload === undefined || payload === '') return {};
  if (isRecord(payload)) return payload;
  if (typeof payload === 'string') {
    if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(payload));
    try {
      const parsed: unknown = JSON.parse(payload);
      if (isRecord(parsed)) return parsed;
    } catch {
      // not JSON: refused below like a JSON body that is not an object
    }
  }
  throw invalidParameter('Request body must be a JSON object');
}

export class Tunnel {
  private readonly router: Router<TunnelHandler>;

  constructor(routes: TunnelRoute[]) {
    this.router = new Router(routes);
  }

  handle(caller: Caller, http: HttpRequestHeader, payload: unknown, contentType: string): TunnelResponse {
    try {
      const { handler, pathParams } = this.router.resolve(http.method, http.path);
      return handler({
        caller,
        method: http.method,
        host: http.host,
        path: http.path,
        query: decodeQuery(http.params),
        body: parseBody(payload, contentType),
        pathParams,
      });
    } catch (error) {
      if (error instanceof TwilioError) return { status: error.status, body: error.toBody() };
      throw error;
    }
  }
}

/** Accessors for loosely typed tunnel bodies; a wrong type is the caller's mistake (400). */
export function optionalString(body: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`${name} must be a string`);
  return value;
}

export function optionalCount(body: Readonly<Record<string, unknown>>, name: string): number | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) throw invalidParameter(`${name} must be a non-negative integer`);
  return number;
}
