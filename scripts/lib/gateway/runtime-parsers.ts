/**
 * Query strings and form bodies parsed exactly as twilio-run's dev runtime parses them before it builds
 * `event`, so the gateway sees the parameter names a Function would see, however they are spelled
 * (`request[headers][origin]`, `[request]`, `%72equest` all become `request`).
 */
import { createRequire } from 'node:module';
import { parse as parseQuerystring } from 'node:querystring';

type QsParse = (text: string, options: { allowPrototypes: boolean; arrayLimit: number }) => Record<string, unknown>;

// The qs copy the runtime's own express uses, found through the runtime (not a second copy of our own).
const runtimeRequire = createRequire(require.resolve('@twilio/runtime-handler/dev'));
const expressRequire = createRequire(runtimeRequire.resolve('express'));
const qs = expressRequire('qs') as { parse: QsParse };

/** express 4's "extended" query parser, its default (express/lib/utils.js parseExtendedQueryString). */
export function parseQuery(text: string): Record<string, unknown> {
  return qs.parse(text, { allowPrototypes: true, arrayLimit: 1000 });
}

/** body-parser's urlencoded parser with `extended: false`, as the dev runtime configures it. */
export function parseForm(text: string): Record<string, unknown> {
  return { ...parseQuerystring(text, undefined, undefined, { maxKeys: 0 }) };
}

/** Parameters as body-parser counts them: one per `&`-separated part. */
export function parameterCount(text: string): number {
  return text === '' ? 0 : text.split('&').length;
}
