/**
 * A tiny method + path-template router for the Twilio REST side and the requests tunnelled through
 * twilsock. Templates use `:name` segments;
 * a path that matches some template but not the method gets Twilio's 405, anything else 404.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedPart } from './multipart';
import { methodNotAllowed, notFound } from '../twilio-errors';

export interface ApiRequest {
  method: string;
  /** Path without query string. */
  path: string;
  /** Form body for POST, query string otherwise. Twilio's PascalCase names. */
  params: Readonly<Record<string, string>>;
  /** Repeated parameters (e.g. several `MediaSid`), all values in order. */
  multiParams: URLSearchParams;
  /** The parts of a `multipart/form-data` body (Serverless uploads); absent for form bodies. */
  parts?: readonly UploadedPart[];
  pathParams: Readonly<Record<string, string>>;
  headers: IncomingHttpHeaders;
  /** `X-Twilio-Webhook-Enabled: true` was sent. */
  webhookEnabled: boolean;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
}

export type Handler = (request: ApiRequest) => ApiResponse;

/** `H` is the handler type: Twilio REST handlers by default; the twilsock tunnel has its own. */
export interface Route<H = Handler> {
  method: 'GET' | 'POST' | 'DELETE';
  template: string;
  handler: H;
}

interface CompiledRoute<H> extends Route<H> {
  pattern: RegExp;
}

function compile(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

export class Router<H = Handler> {
  private readonly routes: CompiledRoute<H>[];

  constructor(routes: Route<H>[]) {
    this.routes = routes.map((route) => ({ ...route, pattern: compile(route.template) }));
  }

  /** Throws a TwilioError for unknown paths or methods. */
  resolve(method: string, path: string): { handler: H; pathParams: Record<string, string> } {
    let pathKnown = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      return { handler: route.handler, pathParams: decodeGroups(match.groups ?? {}, path) };
    }
    throw pathKnown ? methodNotAllowed(method) : notFound(path);
  }
}

function decodeGroups(groups: Record<string, string>, path: string): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      throw notFound(path); // malformed %-escapes cannot name any resource
    }
  }
  return decoded;
}
