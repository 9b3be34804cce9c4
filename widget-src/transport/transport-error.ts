/**
 * Why a transport operation failed, so the chat store can tell the visitor something precise.
 * - `denied`: the token was refused when connecting; a new transport needs a new token.
 * - `init-failed`: the SDK gave up connecting (a terminal error).
 * - `timeout`: the operation waited longer than the visitor should (e.g. sending while offline).
 * - `disconnected`: the transport was shut down while the operation was pending.
 * - `media-unavailable`: a file's download link cannot be had (unknown to this transport, or none given).
 */
import { WidgetError } from '../errors';

export type TransportErrorCode = 'denied' | 'init-failed' | 'timeout' | 'disconnected' | 'media-unavailable';

export class TransportError extends WidgetError<TransportErrorCode> {
  override readonly name = 'TransportError';
}
