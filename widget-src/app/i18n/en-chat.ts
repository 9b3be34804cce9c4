/**
 * The chat view's texts in English, apart from en.ts so that they ship in the chat-view chunk
 * (which registers them with `t()` through i18n/chat-texts.ts), not in the app chunk that shows
 * the form. A translation still carries both parts in its one chunk (`LanguageTable`); the marks
 * and plural forms work as in en.ts.
 */
import type { PluralForms } from './en';

export const EN_CHAT = {
  // The conversation: its connection, messages and files
  bannerConnecting: 'Connecting…',
  bannerReconnecting: 'Connection lost. Reconnecting…',
  bannerRestored: 'Connection restored.',
  bannerOffline: 'You are offline. We will reconnect when the network is back.',
  messages: 'Messages',
  newMessages: 'New messages',
  loadingOlder: 'Loading earlier messages…',
  olderFailed: 'Could not load earlier messages. Try again',
  showOlder: 'Show earlier messages',
  read: 'Read',
  sent: 'Sent',
  typing: { one: '{names} is typing…', other: '{names} are typing…' },
  fileLabel: '{file} ({size})',
  openImage: 'Open image {file}',
  download: 'Download {file}',
  mediaFailed: '{file} is not available right now.',
  // The composer
  message: 'Message',
  placeholder: 'Type a message',
  send: 'Send message',
  attach: 'Attach files',
  drop: 'Drop files to attach them',
  counter: { one: '{length} / {count} character', other: '{length} / {count} characters' },
  files: 'Files to send',
  remove: 'Remove {file}',
  // Ending the chat: the control, its confirm step, and the ended view when the visitor ended it.
  'endChat.open': 'End chat',
  'endChat.question': 'End this chat? The agent will see that you left.',
  'endChat.keep': 'Keep chatting',
  'endChat.ending': 'Ending the chat…',
  'endChat.failed': 'The chat could not be ended. Check your connection and try again.',
  'endChat.endedByVisitor': 'You ended this chat.',
  // Messages waiting in the outbox; `{body}` is the start of the message the button acts on.
  'outbox.sending': 'Sending…',
  'outbox.waiting': 'Waiting for connection',
  'outbox.held': 'Waits for the message above',
  'outbox.notSent': 'Not sent',
  'outbox.retry': 'Retry',
  'outbox.remove': 'Remove',
  'outbox.retryLabel': 'Retry sending “{body}”',
  'outbox.removeLabel': 'Remove unsent message “{body}”',
  'outbox.full': 'Too many messages are waiting. Send this one when the connection is back.',
  'outbox.slow': 'Taking longer than usual…',
  'outbox.ended': 'Not sent: the chat ended. It will be in your next chat.',
  // Transcripts: the menu, its notices, and the downloaded file's own texts.
  'transcript.menu': 'Transcript',
  'transcript.downloadText': 'Download as text',
  'transcript.downloadHtml': 'Download as web page',
  'transcript.email': 'Email me the transcript',
  'transcript.preparing': 'Preparing the transcript…',
  'transcript.downloaded': 'Transcript downloaded.',
  'transcript.emailed': 'The transcript is on its way to the email address you gave.',
  'transcript.failed': 'The transcript could not be prepared. Check your connection and try again.',
  'transcript.emailFailed': 'The transcript could not be emailed. Try again later.',
  'transcript.noEmail': 'This chat has no email address to send the transcript to.',
  'transcript.emailLimit': 'No more emails can be sent for this chat now. Download the transcript instead.',
  // The code that proves the visitor's address: the field's label, its button, a code that did not work.
  'transcript.code': 'Type the code we emailed to {email}',
  'transcript.confirm': 'Confirm',
  'transcript.codeWrong': 'That code did not work. Try again, or ask for a new one.',
  'transcript.title': 'Chat transcript',
  'transcript.attachment': 'Attachment',
  'transcript.messageCount': { one: '{count} message', other: '{count} messages' },
  // A signed-in visitor's earlier chats (components/past-chats)
  pastBack: 'Back',
  pastMore: 'Show more',
  pastNone: 'No earlier chats yet.',
  pastFailed: 'Your earlier chats could not be loaded. Try again later.',
  // The page's title while agent messages wait in a hidden tab (app/attention/page-attention.ts)
  'attention.newMessages': { one: '({count}) New message', other: '({count}) New messages' },
};

export type ChatTextKey = keyof typeof EN_CHAT;

/** The chat view's part of a complete table. */
export type ChatTextTable = { [K in ChatTextKey]: (typeof EN_CHAT)[K] extends string ? string : PluralForms };
