/** The rateChat request: the visitor's chat (`{token, conversationSid}`), a rating of 1 to 5 and an optional comment. */
import { RATING_COMMENT_MAX } from '../../contract/contact-center-api';
import { CONTROL_MULTI_LINE } from '../../contract/pre-engagement-rules';
import { invalidField } from './errors';
import { parseVisitorChatRequest, type VisitorChatRequest } from './visitor-conversation';

export interface RatingRequest extends VisitorChatRequest {
  rating: number;
  comment: string | null;
}

export function parseRatingRequest(params: Readonly<Record<string, unknown>>): RatingRequest {
  const { rating, comment, ...chat } = params;
  const visitor = parseVisitorChatRequest(chat);
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) throw invalidField('rating', 'rating must be a whole number from 1 to 5.');
  if (comment !== undefined && typeof comment !== 'string') throw invalidField('comment', 'comment must be text.');
  const text = comment?.trim() ?? '';
  if (text.length > RATING_COMMENT_MAX) throw invalidField('comment', `comment must be at most ${RATING_COMMENT_MAX} characters.`);
  if (CONTROL_MULTI_LINE.test(text)) throw invalidField('comment', 'comment contains control characters.');
  return { ...visitor, rating, comment: text === '' ? null : text };
}
