/**
 * POST /endChat: the visitor ends their own chat.
 *
 * Variables: as initWebchat (see .env.example); the Flex TaskRouter workspace is read from Flex's
 * configuration (once per warm instance, then kept), so no variable names it.
 * Request: JSON `{token, conversationSid}` from an allowed origin; the token must be one this
 * deployment issued, for an identity that is a participant of that conversation.
 * Answer: 200 `{state: 'closed'}` (also when it was closed already), or `{error: {code, message, field?}}`.
 */
import type { EndChatAnswer } from '../contract/api';
import { endChat } from './lib/end-chat';
import { jsonEndpoint } from './lib/handler';
import { parseVisitorChatRequest } from './lib/visitor-conversation';

export const handler = jsonEndpoint<EndChatAnswer>('endChat', async ({ config, params, client, log }) =>
  endChat(client, config, parseVisitorChatRequest(params), log),
);
