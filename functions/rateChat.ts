/**
 * POST /rateChat: the visitor rates their chat once it has ended (lib/rate-chat.ts).
 *
 * Variables: as initWebchat, and optionally RATINGS_WEBHOOK_URL with RATINGS_WEBHOOK_SECRET (see .env.example).
 * Request: JSON `{token, conversationSid, rating, comment?}` from an allowed origin: a token this
 * deployment issued to the chat's visitor (expired is fine, for a day after the end), a whole
 * rating from 1 to 5 and a comment of at most 500 characters.
 * Answer: 200 `{recorded: true}`; 409 `ALREADY_RATED`, `CHAT_NOT_ENDED` or `RATING_TOO_LATE`; or `{error: {code, message, field?}}`.
 */
import type { RateChatAnswer } from '../contract/contact-center-api';
import { jsonEndpoint } from './lib/handler';
import { rateChat } from './lib/rate-chat';
import { parseRatingRequest } from './lib/rating-request';

export const handler = jsonEndpoint<RateChatAnswer>('rateChat', async ({ config, env, params, client, log }) =>
  rateChat(client, config, env, parseRatingRequest(params), log),
);
