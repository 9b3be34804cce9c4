import type { Twilio } from 'twilio';
import { readConfig, type WebchatConfig } from './config';
import { isWebchatError, UpstreamError, WebchatError } from './errors';
import { consoleLogger, type Logger } from './logger';
import { checkOrigin } from './origin';
import { header, newResponse, type FunctionEvent, type FunctionHandler, type TwilioResponse } from './runtime';
import { twilioClient } from './twilio-client';

export interface JsonEndpointInput {
  config: WebchatConfig;
  event: FunctionEvent;
  client: Twilio;
  log: Logger;
}

function json(status: number, body: object, allowOrigin: string | null): TwilioResponse {
  const response = newResponse()
    .setStatusCode(status)
    .appendHeader('Content-Type', 'application/json')
    .appendHeader('Cache-Control', 'no-store')
    .appendHeader('Vary', 'Origin');
  if (allowOrigin !== null) response.appendHeader('Access-Control-Allow-Origin', allowOrigin);
  return response.setBody(body);
}

/** The `{error: {code, message, field?}}` body every Function answers failures with. */
export function errorBody(error: WebchatError): object {
  return { error: { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) } };
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
 * Every public Function is one of these: check config and origin, run the endpoint's core, answer
 * JSON. Each error path maps to a status; the caller's mistakes are 4xx and never reach Twilio.
 */
export function jsonEndpoint(name: string, run: (input: JsonEndpointInput) => Promise<object>, log: Logger = consoleLogger): FunctionHandler {
  return async (context, event, callback) => {
    let allowOrigin: string | null = null;
    try {
      const config = readConfig(context);
      allowOrigin = checkOrigin(header(event, 'origin'), config.allowedOrigins);
      const body = await run({ config, event, client: twilioClient(context, config), log });
      callback(null, json(200, body, allowOrigin));
    } catch (error) {
      logFailure(log, name, error);
      const known = isWebchatError(error)
        ? error
        : new WebchatError(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please try again.');
      callback(null, json(known.status, errorBody(known), allowOrigin));
    }
  };
}
