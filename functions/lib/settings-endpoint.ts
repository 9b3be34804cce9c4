/**
 * A public, read-only, cacheable JSON endpoint (webchatConfig): unlike jsonEndpoint's chat calls it
 * reaches no Twilio API and its answer may be cached by browsers for a short while, so a Console
 * change shows on every site within a minute. Failures use the same error body and logging.
 */
import { readConfig } from './config';
import { isWebchatError, WebchatError } from './errors';
import { errorResponse, jsonResponse, logFailure } from './handler';
import { consoleLogger, type Logger } from './logger';
import { checkOrigin } from './origin';
import { requestOrigin } from './http-request';
import { requestHeaders, type FunctionContext, type FunctionHandler } from './runtime';

/** Seconds a browser may reuse the answer. */
export const SETTINGS_MAX_AGE_SECONDS = 60;

export function settingsEndpoint<Answer extends object>(name: string, read: (context: FunctionContext) => Answer, log: Logger = consoleLogger): FunctionHandler {
  return async (context, event, callback) => {
    let allowOrigin: string | null = null;
    try {
      const config = readConfig(context);
      const origin = requestOrigin(requestHeaders(event));
      // Browsers send no Origin on same-origin GETs (the service's own pages): the settings are
      // public, so only a foreign page outside the allow-list is refused.
      if (origin !== undefined) allowOrigin = checkOrigin(origin, config.allowedOrigins);
      callback(null, jsonResponse(200, read(context), allowOrigin, `public, max-age=${SETTINGS_MAX_AGE_SECONDS}`));
    } catch (error) {
      logFailure(log, name, error);
      const known = isWebchatError(error) ? error : new WebchatError(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please try again.');
      callback(null, errorResponse(known, allowOrigin));
    }
  };
}
