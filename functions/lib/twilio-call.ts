import { UpstreamError } from './errors';

/** The fields of twilio-node's RestException and of an HTTP client failure that we look at. */
interface CallFailure {
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

function twilioCode(error: CallFailure): number | undefined {
  return typeof error.code === 'number' ? error.code : undefined;
}

/** Turns whatever a Twilio call threw into an UpstreamError with a stable code for the widget. */
export function upstreamError(operation: string, error: unknown): UpstreamError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as CallFailure;
  const message = typeof failure.message === 'string' ? failure.message : '';
  if (/timeout|ETIMEDOUT|ECONNABORTED/i.test(message) || failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT') {
    return new UpstreamError(504, 'TWILIO_TIMEOUT', 'Twilio did not answer in time. Please try again.', operation, undefined, error);
  }
  if (typeof failure.status !== 'number') {
    return new UpstreamError(503, 'TWILIO_UNAVAILABLE', 'Twilio could not be reached. Please try again.', operation, undefined, error);
  }
  if (failure.status === 429 || failure.status === 503) {
    return new UpstreamError(503, 'TWILIO_BUSY', 'Twilio is busy. Please try again in a moment.', operation, twilioCode(failure), error);
  }
  return new UpstreamError(502, 'TWILIO_ERROR', 'Twilio refused the request. Please try again later.', operation, twilioCode(failure), error);
}

/** Runs one Twilio call, naming the operation in any failure. */
export async function callTwilio<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw upstreamError(operation, error);
  }
}

/** Twilio's own status for a failed call, when it answered at all. */
export function twilioStatus(error: unknown): number | undefined {
  const cause = error instanceof UpstreamError ? error.cause : error;
  const status = (cause as CallFailure | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}
