/**
 * Every text the app chunk shows, in English: the built-in fallback, and the list of keys every
 * translation (the other files here, each its own lazily loaded chunk) must fill.
 * `{name}` marks a value put in by `t()` (i18n/translate.ts); an object holds the plural forms of
 * a text that has a `{count}`, by `Intl.PluralRules` category (`other` always).
 * Keys prefixed `launcher.` are the loader's labels once the app is here (app/i18n/launcher-texts.ts).
 * The chat view's texts are in en-chat.ts, which its chunk carries; the form's own, in en-form.ts.
 */
import type { ChatTextKey, ChatTextTable } from './en-chat';
import type { FormTextKey, FormTextTable } from './en-form';
import type { OfflineTextKey, OfflineTextTable } from './en-offline';
import type { RatingTextKey, RatingTextTable } from './en-rating';

export const EN = {
  title: 'Chat with us',
  welcome: 'Tell us who you are and what you need, and we will connect you with an agent.',
  minimize: 'Minimize chat',
  loading: 'Loading chat…',
  connecting: 'Connecting to the chat…',
  starting: 'Starting your chat…',
  failed: 'Something went wrong.',
  retry: 'Try again',
  startNew: 'Start new chat',
  viewFailed: 'The chat could not be loaded. Check your connection and reload the page.',
  // The form's default labels (the rest of its texts are in en-form.ts)
  name: 'Name',
  email: 'Email',
  query: 'How can we help?',
  captchaFirst: 'Please confirm you are not a robot first.',
  // Starting a chat failed before the form's chunk could say why
  startError: 'Something went wrong while starting the chat. Please try again.',
  // The chat's state
  notSent: 'Your message was not sent. Check your connection and try again.',
  notConnected: 'We could not connect to the chat. Check your connection and try again.',
  notLoaded: 'The chat could not be loaded. Check your connection and try again.',
  notReconnected: 'We could not reconnect to your chat. Check your connection and try again.',
  previousEnded: 'Your previous chat has ended. You can start a new one below.',
  previousLost: 'We could not resume your previous chat. You can start a new one below.',
  expired: 'Your chat session has expired. Start a new chat to continue.',
  ended: 'This chat has ended.',
  // Names and notices the store gives the chat view
  you: 'You',
  agent: 'Agent',
  waiting: 'Waiting for connection…',
  tooLong: { one: 'Messages can be at most {count} character.', other: 'Messages can be at most {count} characters.' },
  // Files the visitor picks, checked before they are sent
  noFiles: 'Sending files is not available in this chat.',
  badType: '“{file}” cannot be sent: allowed types are {types}.',
  tooBig: '“{file}” is too large ({size}); the limit is {max}.',
  emptyFile: '“{file}” is empty.',
  tooMany: { one: '“{file}” was not added: at most {count} file at a time.', other: '“{file}” was not added: at most {count} files at a time.' },
  tooMuch: '“{file}” was not added: the files together may be at most {max}.',
  // The loader's launcher
  'launcher.open': 'Open chat',
  'launcher.close': 'Minimize chat',
  'launcher.unread': { one: '{label}, {count} new', other: '{label}, {count} new' },
};

export type TextKey = keyof typeof EN;

/** The forms of a counted text; which ones a language needs is `Intl.PluralRules(language).resolvedOptions().pluralCategories`. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A complete table: a text for every key, plural forms where English has them. */
export type TextTable = { [K in TextKey]: (typeof EN)[K] extends string ? string : PluralForms };

/** What a translation's chunk carries: the app's texts, the chat view's (en-chat.ts), the form's (en-form.ts), the closed view's (en-offline.ts) and the rating's (en-rating.ts). */
export type LanguageTable = TextTable & ChatTextTable & FormTextTable & OfflineTextTable & RatingTextTable;

/** Keys whose English ships in a lazily loaded chunk, which registers it with `t()` (i18n/translate.ts). */
export type ChunkTextKey = ChatTextKey | FormTextKey | OfflineTextKey | RatingTextKey;

/** Texts a page (`config.strings`) or the deployment replaces, by key, the chat view's too; one text serves every plural form. */
export type TextOverrides = Partial<Record<TextKey | ChunkTextKey, string>>;
