/**
 * The texts of the closed view and its message form, in English, apart from en.ts so that they ship
 * in the offline chunk, which only a visitor who finds the chat closed downloads (it registers them
 * with `t()` as the chat view does its own: i18n/chat-texts.ts). Translations carry them in their one chunk.
 */
export const EN_OFFLINE = {
  // Why the chat is closed (webchatConfig's availability.reason), and when it opens, in the visitor's time.
  'closed.hours': 'We are closed right now.',
  'closed.holiday': 'We are closed today.',
  'closed.closed': 'The chat is closed at the moment.',
  'closed.opens': 'Chat opens again on {when}.',
  // The message form shown instead of a chat
  'offline.intro': 'Leave us a message and we will answer by email.',
  'offline.message': 'Your message',
  'offline.send': 'Send message',
  'offline.sending': 'Sending your message…',
  'offline.sent': 'Thank you. We received your message and will answer by email.',
  'offline.failed': 'Your message could not be sent. Please try again.',
};

export type OfflineTextKey = keyof typeof EN_OFFLINE;

export type OfflineTextTable = Record<OfflineTextKey, string>;
