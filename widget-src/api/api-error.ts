/**
 * Failure of a call to our Functions. `status` 0 means the request never got an HTTP answer
 * (offline, timeout, CORS); `code` is the backend's stable code, or NETWORK_ERROR / BAD_RESPONSE.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** True when retrying the same request later may work (network trouble or a server-side failure). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** Works by name, so it holds across chunks where `instanceof` may not. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError';
}
