/**
 * Sync's per-object rate limits (https://www.twilio.com/docs/sync/limits): "up to 20/s per object,
 * burst window: 10s" for writes and, separately, for reads; "the limit applies at the top level of
 * each Document, Map, and List", so every item counts toward its Map or List. Beyond it Twilio
 * answers 429 with 54009 "Rate limit exceeded" (https://www.twilio.com/docs/api/errors/54009).
 * Modelled as at most 20 × 10 operations of each kind per object in any 10 seconds: the sustained
 * rate averaged over the burst window.
 */
import { TwilioError } from '../twilio-errors';

export const SYNC_RATE_LIMIT_CODE = 54009;
const PER_SECOND = 20;
const BURST_WINDOW_MS = 10_000;
const MAX_IN_WINDOW = PER_SECOND * (BURST_WINDOW_MS / 1000);

export type SyncAccess = 'read' | 'write';

export class SyncRateLimit {
  /** Accepted operations' times, per object and kind, oldest first. */
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  /** Counts one operation on `objectSid`, or refuses it (429 54009) when the window is full. */
  charge(objectSid: string, access: SyncAccess): void {
    const key = `${access}:${objectSid}`;
    const now = this.now().getTime();
    const times = (this.recent.get(key) ?? []).filter((time) => time > now - BURST_WINDOW_MS);
    if (times.length >= MAX_IN_WINDOW) {
      this.recent.set(key, times);
      throw new TwilioError(429, SYNC_RATE_LIMIT_CODE, 'Rate limit exceeded');
    }
    times.push(now);
    this.recent.set(key, times);
  }

  reset(): void {
    this.recent.clear();
  }
}
