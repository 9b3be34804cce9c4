/**
 * POST /refreshToken: renews a visitor's Access Token for the same identity.
 *
 * Variables: as initWebchat, plus optionally TOKEN_REFRESH_GRACE_SECONDS and SESSION_MAX_AGE_SECONDS
 * (see .env.example).
 * Request: JSON `{token, conversationSid}` from an allowed origin; the token must be one this
 * deployment issued, still a participant's, for a conversation that is not closed and began less
 * than SESSION_MAX_AGE_SECONDS ago.
 * Answer: 200 `{token, expiration}`, or `{error: {code, message, field?}}`.
 */
import type { RefreshTokenAnswer } from '../contract/api';
import { jsonEndpoint } from './lib/handler';
import { refreshSession } from './lib/refresh-session';
import { parseVisitorChatRequest } from './lib/visitor-conversation';

export const handler = jsonEndpoint<RefreshTokenAnswer>('refreshToken', async ({ config, params, client }) =>
  refreshSession(client, config, parseVisitorChatRequest(params)),
);
