/**
 * POST /visitorChats: a signed-in visitor's open chat, with a token for it, and their chats, newest first.
 *
 * Variables: as initWebchat, with one of VISITOR_IDENTITY_SECRET, VISITOR_IDENTITY_JWKS_URL or
 * VISITOR_IDENTITY_PUBLIC_KEYS (see .env.example).
 * Request: JSON `{identityToken, page?}` from an allowed origin: the site's signed token for its visitor.
 * Answer: 200 `{open: {token, conversationSid, identity, expiration, transport} | null, chats:
 * [{conversationSid, startedAt}], nextPage}`, or `{error: {code, message, field?}}`.
 */
import type { VisitorChatsAnswer } from '../contract/api';
import { jsonEndpoint } from './lib/handler';
import { listVisitorChats } from './lib/visitor-history';

export const handler = jsonEndpoint<VisitorChatsAnswer>('visitorChats', ({ config, env, params, client }) => listVisitorChats(client, config, env, params));
