/** What the visitor reads about messages that have not reached the chat yet (English; translations come later). */
export const OUTBOX_TEXTS = {
  sending: 'Sending…',
  waiting: 'Waiting for connection',
  notSent: 'Not sent',
  retry: 'Retry',
  remove: 'Remove',
  retryLabel: (body: string) => `Retry sending “${body}”`,
  removeLabel: (body: string) => `Remove unsent message “${body}”`,
  full: 'Too many messages are waiting. Send this one when the connection is back.',
};
