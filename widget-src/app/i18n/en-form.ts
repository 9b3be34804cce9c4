/**
 * The form's own texts in English, apart from en.ts so that they ship in the start-form chunk
 * (which registers them with `t()` through i18n/form-texts.ts), not in the app chunk: a visitor
 * who resumes a chat never downloads them. A translation still carries every part in its one
 * chunk (`LanguageTable`); the marks and plural forms work as in en.ts.
 */
import type { PluralForms } from './en';

export const EN_FORM = {
  // The form
  optional: '(optional)',
  start: 'Start chat',
  startBusy: 'Starting chat…',
  required: 'Please fill in “{field}”.',
  queryRequired: 'Please tell us how we can help.',
  fieldTooLong: { one: 'Please use at most {count} character.', other: 'Please use at most {count} characters.' },
  control: 'Please remove the special characters this contains.',
  badEmail: 'Please enter a valid email address, like name@example.com.',
  formTooLong: 'Please shorten this: what you entered is too long in all.',
  // Below the form, for a signed-in visitor
  pastChats: 'Your earlier chats',
  // Starting a chat failed
  unreachable: 'We could not reach the chat service. Check your connection and try again.',
  notAllowed: 'Chat is not available on this website. Please contact us another way.',
  payloadTooLarge: 'What you entered is too long. Please shorten it and try again.',
  notDelivered: 'Your question could not be delivered. Please try again.',
  busy: 'Many people are starting chats right now. Please try again {when}.',
  unavailable: 'The chat could not be started right now. Please try again in a moment.',
};

export type FormTextKey = keyof typeof EN_FORM;

/** The form's part of a complete table. */
export type FormTextTable = { [K in FormTextKey]: (typeof EN_FORM)[K] extends string ? string : PluralForms };
