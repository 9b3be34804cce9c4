/**
 * Runs a Function's handler in this process the way Twilio's runtime does: the runtime's own
 * `Twilio.Response`, a context whose `getTwilioClient()` builds the project's real `twilio` client,
 * and an event made of the body plus `request.headers`.
 */
import path from 'node:path';
import twilio from 'twilio';
import { asFunction } from './console-capture';
import type { FunctionContext, FunctionEvent, FunctionHandler, TwilioResponse } from '../../functions/lib/runtime';

// The package exports only its dev server; the Response class beside it is the one twilio-run uses.
const responseModule = path.join(path.dirname(require.resolve('@twilio/runtime-handler/dev')), 'internal/response.js');
const { Response } = require(responseModule) as { Response: new () => TwilioResponse };
(globalThis as { Twilio?: unknown }).Twilio = { Response };

export interface HandlerAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export function functionContext(env: Readonly<Record<string, string>>): FunctionContext {
  return {
    ...env,
    getTwilioClient: (options) => twilio(env.ACCOUNT_SID, env.AUTH_TOKEN, { lazyLoading: true, ...options }),
  };
}

export async function invoke(
  handler: FunctionHandler,
  context: FunctionContext,
  body: Record<string, unknown>,
  headers: Record<string, string | string[]> = {},
): Promise<HandlerAnswer> {
  // As an HTTP client sends it: a body declared by its type also has a length.
  const withLength = headers['content-type'] === undefined || headers['content-length'] !== undefined
    ? headers
    : { ...headers, 'content-length': String(Buffer.byteLength(JSON.stringify(body))) };
  const event: FunctionEvent = { ...body, request: { headers: withLength, cookies: {} } };
  const response = await asFunction(
    () =>
      new Promise<TwilioResponse>((resolve, reject) => {
        handler(context, event, (error, answer) => (error || !answer ? reject(error instanceof Error ? error : new Error(String(error ?? 'no response'))) : resolve(answer)))
          .catch(reject);
      }),
  );
  const raw = response as unknown as { statusCode: number; headers: Record<string, string | string[]>; body: unknown };
  const flatHeaders = Object.fromEntries(
    Object.entries(raw.headers).filter(([name]) => name !== 'Set-Cookie').map(([name, value]) => [name, String(value)]),
  );
  return { status: raw.statusCode, headers: flatHeaders, body: raw.body as Record<string, unknown> };
}
