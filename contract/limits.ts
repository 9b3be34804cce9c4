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

/**
 * What Flex's web chat takes (address type "web"): one file per message, 16 MiB each, 64 MiB in
 * all, only these extensions (https://www.twilio.com/docs/flex/developer/conversations/limits).
 * The widget checks files against it before upload; the emulator announces and enforces it.
 */
export const FLEX_WEB_FILES = {
  perMessage: 1,
  maxFileBytes: 16 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  extensions: ['jpg', 'jpeg', 'png', 'amr', 'mp3', 'mp4', 'pdf', 'heic', 'txt', 'gif'],
} as const;
