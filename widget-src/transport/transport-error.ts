/**
 * Why a transport operation failed, so the chat store can tell the visitor something precise.
 * - `denied`: the token was refused when connecting; a new transport needs a new token.
 * - `init-failed`: the SDK gave up connecting (a terminal error).
 * - `timeout`: the operation waited longer than the visitor should (e.g. sending while offline).
 * - `disconnected`: the transport was shut down while the operation was pending.
 */
export type TransportErrorCode = 'denied' | 'init-failed' | 'timeout' | 'disconnected';

export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Works across chunks: each lazily loaded chunk may carry its own copy of the class. */
export function isTransportError(error: unknown): error is TransportError {
  return error instanceof Error && error.name === 'TransportError';
}
