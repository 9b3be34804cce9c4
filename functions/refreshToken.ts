/**
 * POST /refreshToken: renews a visitor's Access Token for the same identity.
 *
 * Variables: as initWebchat, plus optionally TOKEN_REFRESH_GRACE_SECONDS and SESSION_MAX_AGE_SECONDS
 * (see .env.example).
 * Request: JSON `{token, conversationSid, identityToken?}` from an allowed origin; the token must be one this
 * deployment issued, still a participant's, for a conversation that is not closed and began less
 * than SESSION_MAX_AGE_SECONDS ago. With the site's `identityToken`, the chat must also be that
 * signed-in visitor's.
 * Answer: 200 `{token, expiration}`, or `{error: {code, message, field?}}`.
 */
import type { RefreshTokenAnswer } from '../contract/api';
import { jsonEndpoint } from './lib/handler';
import { refreshSession } from './lib/refresh-session';
import { signedInVisitor, visitorChat } from './lib/signed-in-visitor';
import { notYourConversation, parseVisitorChatRequest } from './lib/visitor-conversation';

export const handler = jsonEndpoint<RefreshTokenAnswer>('refreshToken', async ({ config, env, params, client }) => {
  const request = parseVisitorChatRequest(params, ['identityToken']);
  const visitor = await signedInVisitor(env, config, params.identityToken);
  if (visitor !== null && (await visitorChat(client, config, visitor, request.conversationSid)) === null) throw notYourConversation();
  return refreshSession(client, config, request);
});
