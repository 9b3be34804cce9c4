/**
 * Twilio ends a Function 10 s after it starts, answer or not. Everything an invocation does runs
 * inside one budget that leaves room to answer; each Twilio request gets what is left of it, minus
 * what must stay free for the steps after it (closing a chat that could not be completed).
 */
import { UpstreamError } from './errors';

export const FUNCTION_BUDGET_MS = 9_000;
/** No single request may use more: a slow read should fail while there is time to say so. */
const MAX_REQUEST_MS = 6_000;
/** Below this a request cannot succeed; failing at once keeps the time for the answer. */
const MIN_REQUEST_MS = 250;

export class Deadline {
  private reservedMs = 0;

  constructor(
    private readonly endsAt: number,
    private readonly now: () => number = Date.now,
  ) {}

  static start(budgetMs = FUNCTION_BUDGET_MS, now: () => number = Date.now): Deadline {
    return new Deadline(now() + budgetMs, now);
  }

  remainingMs(): number {
    return this.endsAt - this.now();
  }

  /** The timeout for a request starting now; throws a 504 when none fits any more. */
  requestTimeoutMs(): number {
    const available = Math.min(MAX_REQUEST_MS, this.remainingMs() - this.reservedMs);
    if (available < MIN_REQUEST_MS) {
      throw new UpstreamError(504, 'TWILIO_TIMEOUT', 'Twilio did not answer in time. Please try again.', 'time budget');
    }
    return available;
  }

  /** Runs `step` keeping `ms` of the budget free for what must follow it, whatever happens. */
  async keeping<T>(ms: number, step: () => Promise<T>): Promise<T> {
    const previous = this.reservedMs;
    this.reservedMs = ms;
    try {
      return await step();
    } finally {
      this.reservedMs = previous;
    }
  }
}
