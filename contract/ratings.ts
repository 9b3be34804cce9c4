/**
 * Where the Functions keep chat ratings and what one holds: rateChat writes them
 * (functions/lib/rate-chat.ts), `npm run ratings` reads them back (scripts/ratings.ts).
 */

/** The Sync map of ratings, one item per conversation (its SID is the key). */
export const RATINGS_MAP = 'webchat-ratings';

/** One rating as kept in Sync, exported as CSV, and posted to the ratings webhook. */
export interface RatingRecord {
  conversationSid: string;
  /** The identity of the last agent who wrote, or null when none did. */
  agent: string | null;
  /** ISO 8601: when the visitor rated. */
  time: string;
  /** 1 to 5. */
  rating: number;
  comment: string | null;
}
