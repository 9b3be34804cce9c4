/**
 * The one error family every Function answers with. `status` is the HTTP status, `code` a stable
 * machine-readable string the widget can switch on, `field` names the offending input when there is one.
 */
import type { ErrorCode } from '../../contract/api';
import type { Availability } from '../../contract/contact-center-api';

export interface ErrorDetails {
  /** The input at fault. */
  field?: string;
  cause?: unknown;
  /** The methods to list in `Allow` (405). */
  allow?: string;
  /** When to try again, for `Retry-After` (429, 503). */
  retryAfterSeconds?: number;
  /** Why the chat is closed and when it opens (409 CHAT_CLOSED). */
  availability?: Availability;
}

export class WebchatError extends Error {
  override readonly name: string = 'WebchatError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
  }

  get field(): string | undefined {
    return this.details.field;
  }
}

/** The caller sent something we cannot accept (400). */
export function invalidField(field: string, message: string): WebchatError {
  return new WebchatError(400, 'INVALID_FIELD', message, { field });
}

export function invalidRequest(message: string): WebchatError {
  return new WebchatError(400, 'INVALID_REQUEST', message);
}

/** A setting in the environment is missing or malformed: the site owner must fix it (500). */
export class ConfigurationError extends WebchatError {
  override readonly name = 'ConfigurationError';

  constructor(readonly variable: string, problem: string) {
    super(500, 'CONFIGURATION_ERROR', `The chat is not configured correctly: ${variable} ${problem}.`);
  }
}

/** Twilio failed or did not answer in time (5xx); `twilioCode` is kept for the log. */
export class UpstreamError extends WebchatError {
  override readonly name = 'UpstreamError';

  constructor(
    status: 502 | 503 | 504,
    code: ErrorCode,
    message: string,
    readonly operation: string,
    readonly twilioCode?: number,
    cause?: unknown,
  ) {
    super(status, code, message, { cause });
  }
}

const ERROR_NAMES: ReadonlySet<string> = new Set(['WebchatError', 'ConfigurationError', 'UpstreamError']);

/** Works by name, so it holds across bundles where `instanceof` may not. */
export function isWebchatError(error: unknown): error is WebchatError {
  return error instanceof Error && ERROR_NAMES.has(error.name);
}
