/**
 * The texts of the rating offered when a chat ends, in English, apart from en.ts so that they ship
 * in the rating chunk, downloaded only once a chat has ended (it registers them with `t()` as the
 * chat view does its own: i18n/chat-texts.ts). Translations carry them in their one chunk.
 */
export const EN_RATING = {
  'rating.question': 'How was your chat?',
  // One radio button of five; `{rating}` is 1 to 5.
  'rating.value': '{rating} of 5',
  'rating.comment': 'Anything else you want to tell us? (optional)',
  'rating.send': 'Send rating',
  'rating.sending': 'Sending…',
  'rating.sent': 'Thank you for your feedback.',
  'rating.choose': 'Please choose a rating from 1 to 5.',
  'rating.failed': 'Your rating could not be sent. Please try again.',
};

export type RatingTextKey = keyof typeof EN_RATING;

export type RatingTextTable = Record<RatingTextKey, string>;
