/**
 * How many codes may be emailed: per chat, per inbox per day and per deployment per hour, counted
 * in Twilio Sync (sync-counter.ts) before each code is sent (a failed send still counts). A code
 * email carries no text of the caller's, but it still lands in an inbox nobody asked us to write
 * to: these bound how often any one inbox, and all of them together, can be written to.
 * Checked in that order, so a script that repeats one chat spends only that chat's count.
 */
import { WebchatError } from './errors';
import { inboxKey } from './email-recipient';
import { keyedHash } from './keyed-hash';
import type { SyncService } from './sync-collection';
import { countInList } from './sync-counter';
import { CHAT_COUNT_TTL_SECONDS } from './transcript-email-limit';
import { twilioStatus } from './twilio-call';

export const MAX_CODES_PER_CHAT = 3;
export const MAX_CODES_PER_INBOX_PER_DAY = 5;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const untilNext = (now: Date, periodMs: number): number => Math.ceil((periodMs - (now.getTime() % periodMs)) / 1000);

function tooMany(message: string, retryAfterSeconds?: number): WebchatError {
  return new WebchatError(429, 'TOO_MANY_EMAIL_CODES', message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
}

interface Limit {
  list: string;
  ttlSeconds: number;
  max: number;
  refusal: () => WebchatError;
}

export interface EmailCodeLimitInput {
  apiSecret: string;
  conversationSid: string;
  address: string;
  maxCodesPerHour: number;
}

/** Counts one more code; refuses (429 TOO_MANY_EMAIL_CODES) when any limit is reached. */
export async function countEmailCode(sync: SyncService, input: EmailCodeLimitInput, now: Date): Promise<void> {
  const day = Math.floor(now.getTime() / DAY_MS);
  const hour = Math.floor(now.getTime() / HOUR_MS);
  // The inbox as a keyed hash: Sync holds no address.
  const inbox = keyedHash(input.apiSecret, 'email address', inboxKey(input.address));
  const limits: Limit[] = [
    {
      list: `webchat-email-codes-chat-${input.conversationSid}`,
      ttlSeconds: CHAT_COUNT_TTL_SECONDS,
      max: MAX_CODES_PER_CHAT,
      refusal: () => tooMany(`A code was emailed ${MAX_CODES_PER_CHAT} times for this chat already; download the transcript instead.`),
    },
    {
      list: `webchat-email-codes-inbox-${inbox}-${day}`,
      ttlSeconds: 2 * DAY_MS / 1000,
      max: MAX_CODES_PER_INBOX_PER_DAY,
      refusal: () => tooMany(`This address was sent ${MAX_CODES_PER_INBOX_PER_DAY} codes today already; try again tomorrow, or download the transcript.`, untilNext(now, DAY_MS)),
    },
    {
      list: `webchat-email-codes-hour-${hour}`,
      ttlSeconds: 2 * HOUR_MS / 1000,
      max: input.maxCodesPerHour,
      refusal: () => tooMany('Many codes are being sent right now; try again later, or download the transcript.', untilNext(now, HOUR_MS)),
    },
  ];
  for (const limit of limits) {
    let index: number;
    try {
      index = await countInList(sync, limit.list, limit.ttlSeconds, 'count email code');
    } catch (error) {
      // Sync's own rate limit (54009): a second later the count may pass.
      if (twilioStatus(error) === 429) throw tooMany('Many codes are being sent right now; try again in a moment.', 1);
      throw error;
    }
    if (index >= limit.max) throw limit.refusal();
  }
}
