/**
 * What the Functions and the widget agree on for the contact center's own features: opening hours
 * (webchatConfig's availability, initWebchat's 409), the message left while closed, and the rating
 * when a chat ends. The chat's own calls are in api.ts. Imports nothing of ours.
 */
/**
 * Whether a live chat can start now, from the deployment's opening hours (BUSINESS_HOURS,
 * BUSINESS_CLOSED_DATES, CHAT_CLOSED): in webchatConfig's answer, and in initWebchat's 409 `CHAT_CLOSED`.
 */
export interface Availability {
  open: boolean;
  /** Why not: outside the hours, a closed date, or closed by the contact center until further notice. */
  reason?: 'hours' | 'holiday' | 'closed';
  /** ISO 8601: when it opens next, when that is known. */
  opensAt?: string;
}

/** Checks an availability from the network before the widget acts on it. */
export function isAvailability(value: unknown): value is Availability {
  if (typeof value !== 'object' || value === null) return false;
  const { open, reason, opensAt } = value as Record<string, unknown>;
  return (
    typeof open === 'boolean' &&
    (reason === undefined || reason === 'hours' || reason === 'holiday' || reason === 'closed') &&
    (opensAt === undefined || (typeof opensAt === 'string' && !Number.isNaN(Date.parse(opensAt))))
  );
}

/**
 * POST /offlineMessage: a message left while the chat is closed, with the same challenge, captcha
 * and start key as initWebchat (a retry of the same message never makes a second one).
 */
export interface OfflineMessageRequest {
  formData: { friendlyName: string; email: string; query: string };
  challenge: string;
  solution: string;
  captchaToken?: string;
  startId?: string;
  attempt?: number;
  /** The visitor's language (BCP 47), so whoever answers can answer in it. */
  locale?: string;
}

/** The message reached the contact center. */
export interface OfflineMessageAnswer {
  received: true;
}

/** POST /rateChat: the visitor's rating of a chat that ended, once, within a day of its end. */
export interface RateChatRequest {
  token: string;
  conversationSid: string;
  /** 1 to 5. */
  rating: number;
  /** At most `RATING_COMMENT_MAX` characters. */
  comment?: string;
}

export const RATING_COMMENT_MAX = 500;

export interface RateChatAnswer {
  recorded: true;
}
