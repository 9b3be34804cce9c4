/**
 * Twilio's OpenAPI descriptions (from the installed `@twilio-alpha/mcp` package, never copied into
 * the repo) turned into validators: the emulator's shapes are checked against Twilio's word, not ours.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

export interface OpenApiSpec {
  /** Where Twilio serves the product, e.g. `https://conversations.twilio.com`. */
  servers: { url: string }[];
  paths: Record<string, Record<string, OpenApiOperation | OpenApiParameter[]>>;
  components: { schemas: Record<string, Json> };
}

export type SpecName =
  | 'twilio_conversations_v1'
  | 'twilio_flex_v2'
  | 'twilio_flex_v1'
  | 'twilio_studio_v2'
  | 'twilio_api_v2010'
  | 'twilio_serverless_v1'
  | 'twilio_taskrouter_v1'
  | 'twilio_sync_v1';

export function loadSpec(name: SpecName): OpenApiSpec {
  const require = createRequire(__filename);
  const packageDir = dirname(require.resolve('@twilio-alpha/mcp/package.json'));
  return JSON.parse(readFileSync(join(packageDir, 'twilio-oai', 'spec', 'json', `${name}.json`), 'utf8')) as OpenApiSpec;
}

/** The product's host, e.g. `conversations.twilio.com`, as a request redirected to the emulator names it. */
export function productHost(spec: OpenApiSpec): string {
  const [server] = spec.servers;
  if (server === undefined) throw new Error('spec names no server');
  return new URL(server.url).host;
}

export function operation(spec: OpenApiSpec, path: string, method: string): OpenApiOperation {
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (op === undefined || Array.isArray(op)) throw new Error(`spec has no ${method} ${path}`);
  return op;
}

/** Names a caller may send: form fields of the request body, query and header parameters. */
export function requestParameterNames(spec: OpenApiSpec, path: string, method: string): Set<string> {
  const op = operation(spec, path, method);
  const names = new Set<string>();
  for (const parameter of op.parameters ?? []) if (parameter.in !== 'path') names.add(parameter.name);
  for (const content of Object.values(op.requestBody?.content ?? {})) {
    for (const name of Object.keys(content.schema.properties ?? {})) names.add(name);
  }
  return names;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 → JSON Schema for answers: `nullable` becomes a `null` type, `$ref`s point into the
 * spec's components, and every listed property becomes required, because Twilio always sends every
 * field of a resource (null when empty) and callers rely on that.
 */
function toJsonSchema(node: Json, refPrefix: string): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, refPrefix));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out[key] = value.replace('#/components/schemas/', refPrefix);
    else if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, refPrefix)]));
      out.required = Object.keys(value);
    } else if (key !== 'nullable' && key !== 'x-twilio' && key !== 'example' && key !== 'examples') {
      out[key] = toJsonSchema(value, refPrefix);
    }
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (typeof out.$ref === 'string') return { anyOf: [out, { type: 'null' }] };
  return out;
}

/**
 * Validates answers of one spec; `validator(path, method, status)` is undefined when the spec defines
 * no body for it. The 2010-04-01 API writes list `*_uri`s as paths on api.twilio.com and dates as
 * RFC 2822 (https://www.twilio.com/docs/usage/twilios-response): `relativeUris` accepts such paths.
 */
export function responseValidators(spec: OpenApiSpec, id: string, options: { relativeUris?: boolean } = {}) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  ajv.addFormat('date-time-rfc-2822', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/);
  ajv.addFormat('uri', (value: string) => URL.canParse(value) || (options.relativeUris === true && value.startsWith('/')));
  ajv.addFormat('uri-map', () => true);
  ajv.addFormat('int64', () => true);
  const refPrefix = `${id}#/definitions/`;
  const definitions = Object.fromEntries(Object.entries(spec.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema, refPrefix)]));
  ajv.addSchema({ $id: id, definitions });
  return (path: string, method: string, status: number): ValidateFunction | undefined => {
    const schema = operation(spec, path, method).responses[String(status)]?.content?.['application/json']?.schema;
    if (schema === undefined) return undefined;
    return ajv.compile(toJsonSchema(schema, refPrefix) as object);
  };
}

/** Twilio's error body as documented for every API and parsed by twilio-node's RestException. */
export const TWILIO_ERROR_SCHEMA = {
  type: 'object',
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    more_info: { type: 'string', pattern: '^https://www\\.twilio\\.com/docs/errors/\\d+$' },
    status: { type: 'integer' },
  },
  required: ['code', 'message', 'more_info', 'status'],
  additionalProperties: false,
} as const;
