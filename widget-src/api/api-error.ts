/**
 * Failure of a call to our Functions. `status` 0 means the request never got an HTTP answer
 * (offline, timeout, CORS); `code` is the backend's stable code, or one of the client's own.
 */
import type { ErrorCode } from '../../contract/api';
import type { Availability } from '../../contract/contact-center-api';
import { WidgetError } from '../errors';

/**
 * A code from a backend newer than this widget: kept as sent, and acted on by its status alone.
 * Branded, so a code written in this widget must be one of the known ones.
 */
export type UnknownServerCode = string & { readonly unknownServerCode: true };

/** The backend's codes, and the client's own: no answer, an HTTP failure without a code, an unreadable answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'HTTP_ERROR' | 'BAD_RESPONSE' | UnknownServerCode;

export class ApiError extends WidgetError<ApiErrorCode> {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    code: ApiErrorCode,
    message: string,
    readonly field?: string,
    /** Seconds the backend asked to wait before trying again (429, 503). */
    readonly retryAfter?: number,
    /** Why the chat is closed and when it opens (409 CHAT_CLOSED). */
    readonly availability?: Availability,
  ) {
    super(code, message);
  }

  /** True when retrying the same request later may work (network trouble or a server-side failure). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** By name, so it holds across chunks (see ../errors.ts). */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}
