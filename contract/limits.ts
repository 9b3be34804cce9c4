/**
 * Documented input limits of `initWebchat` (characters, after trimming). Dependency-free, so the
 * widget imports the same numbers and never lets a visitor type what the backend would refuse.
 */
export const LIMITS = {
  friendlyName: 100,
  email: 254,
  query: 2000,
  extraValue: 500,
  extraFields: 10,
  /** Bytes of the JSON stored in the conversation's attributes (Twilio allows 16 KiB in all). */
  preEngagementBytes: 8192,
  /** Twilio's limit on a chat message body, in UTF-8 bytes (docs/conversations/conversations-limits). */
  messageBodyBytes: 32 * 1024,
} as const;
