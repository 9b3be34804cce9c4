import type { Twilio } from 'twilio';
import type { ErrorAnswer } from '../../contract/api';
import { readConfig, type Environment, type FunctionsConfig } from './config';
import { isWebchatError, UpstreamError, WebchatError } from './errors';
import { consoleLogger, type Logger } from './logger';
import { Deadline } from './deadline';
import { requestOrigin, requirePostBody } from './http-request';
import { checkOrigin } from './origin';
import { newResponse, parameters, requestHeaders, type FunctionHandler, type TwilioResponse } from './runtime';
import { twilioClient } from './twilio-client';

export interface JsonEndpointInput {
  config: FunctionsConfig;
  /** The service's environment, for settings only some endpoints read (their own modules validate them). */
  env: Environment;
  /** The caller's parameters (query and body), without the runtime's `request`. */
  params: Readonly<Record<string, unknown>>;
  /** The checked origin, as echoed in `Access-Control-Allow-Origin` (`*` only when every origin is allowed). */
  origin: string;
  client: Twilio;
  deadline: Deadline;
  log: Logger;
}

/** A JSON answer; only allowed origins are echoed. Nothing is cached unless the caller says so. */
export function jsonResponse(status: number, body: object, allowOrigin: string | null, cacheControl = 'no-store'): TwilioResponse {
  const response = newResponse()
    .setStatusCode(status)
    .appendHeader('Content-Type', 'application/json')
    .appendHeader('Cache-Control', cacheControl)
    .appendHeader('Vary', 'Origin');
  if (allowOrigin !== null) response.appendHeader('Access-Control-Allow-Origin', allowOrigin);
  return response.setBody(body);
}

/**
 * The answer for a failure: `{error: {code, message, field?, retryAfterSeconds?}}`, with `Allow` or
 * `Retry-After` when they apply. A refused origin may read its refusal (`*`, no credentials): it says
 * nothing but that, and without it the browser hides the answer, so the widget could only guess at a
 * network failure and the site owner would never learn which origin to allow.
 */
export function errorResponse(error: WebchatError, allowOrigin: string | null): TwilioResponse {
  const readableBy = allowOrigin ?? (error.code === 'ORIGIN_NOT_ALLOWED' ? '*' : null);
  const response = jsonResponse(error.status, errorBody(error), readableBy);
  if (error.details.allow !== undefined) response.appendHeader('Allow', error.details.allow);
  if (error.details.retryAfterSeconds !== undefined) response.appendHeader('Retry-After', String(error.details.retryAfterSeconds));
  return response;
}

function errorBody(error: WebchatError): ErrorAnswer {
  const { retryAfterSeconds, availability } = error.details;
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...(availability === undefined ? {} : { availability }),
    },
  };
}

/** Logs what the site owner must see (Twilio codes, 5xx causes), never request data. */
export function logFailure(log: Logger, endpoint: string, error: unknown): void {
  if (error instanceof UpstreamError) {
    log.error(`${endpoint}: ${error.operation} failed`, { code: error.code, twilioCode: error.twilioCode });
  } else if (isWebchatError(error) && error.status >= 500) {
    log.error(`${endpoint}: ${error.message}`, { code: error.code });
  } else if (!isWebchatError(error)) {
    // Only the name and message: an unexpected error's properties could hold request data.
    log.error(`${endpoint}: unexpected failure`, { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}

/**
 * Every public Function is one of these: check the request (a POST with a body, one Origin, no
 * forged headers), the config and the origin, run the endpoint's core inside the invocation's time
 * budget, answer JSON. Each error path maps to a status; the caller's mistakes are 4xx and never
 * reach Twilio.
 */
export function jsonEndpoint<Answer extends object>(
  name: string,
  run: (input: JsonEndpointInput) => Promise<Answer>,
  log: Logger = consoleLogger,
): FunctionHandler {
  return async (context, event, callback) => {
    const deadline = Deadline.start();
    let allowOrigin: string | null = null;
    try {
      const headers = requestHeaders(event);
      requirePostBody(headers);
      const origin = requestOrigin(headers);
      const config = readConfig(context);
      allowOrigin = checkOrigin(origin, config.allowedOrigins);
      const params = parameters(event);
      const body = await run({ config, env: context, params, origin: allowOrigin, client: twilioClient(context, config, deadline), deadline, log });
      callback(null, jsonResponse(200, body, allowOrigin));
    } catch (error) {
      logFailure(log, name, error);
      const known = isWebchatError(error)
        ? error
        : new WebchatError(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please try again.');
      callback(null, errorResponse(known, allowOrigin));
    }
  };
}
