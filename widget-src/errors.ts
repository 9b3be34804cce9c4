/**
 * The widget's error family: a base with a `code` to act on, and subclasses for our Functions'
 * answers (api/api-error.ts) and the realtime transport (transport/transport-error.ts). Guards work
 * by `name` (api-error.ts's isApiError): each lazily loaded chunk bundles its own copy of these
 * classes, so `instanceof` does not hold across chunks.
 */

/** Failures that are neither an answer of our Functions nor the transport's. */
export type WidgetErrorCode = 'NOT_CONNECTED' | 'CHALLENGE_UNSOLVED';

export class WidgetError<Code extends string = WidgetErrorCode> extends Error {
  override readonly name: string = 'WidgetError';

  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}
