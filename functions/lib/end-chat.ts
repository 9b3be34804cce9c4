/**
 * The visitor ends their chat. Flex expects an interaction to end by closing its Interaction
 * Channel, not by closing the conversation or touching the task: with `Status=closed` and no
 * `Routing`, Flex moves the tasks to wrapping (the agent gets the normal wrap-up) and closes the
 * conversation (https://www.twilio.com/docs/flex/developer/conversations/interactions-api/channels-subresource,
 * https://www.twilio.com/docs/flex/developer/conversations/best-practices). The channel's sids are
 * only in the Flex task's attributes, found in Flex's TaskRouter workspace by `conversationSid`
 * (the workspace is read once per warm instance: flex-workspace.ts).
 *
 * Before that, a message tells the agent (and, once closed, anyone reading the chat) that the
 * visitor ended it: a closed conversation cannot be updated, so its last message is the record.
 */
import type { Twilio } from 'twilio';
import type { EndChatAnswer } from '../../contract/api';
import { ENDED_BY_VISITOR_ATTRIBUTES } from '../../contract/chat-events';
import { attributesObject } from './attributes';
import type { FunctionsConfig } from './config';
import { UpstreamError } from './errors';
import { flexWorkspaceSid } from './flex-workspace';
import type { Logger } from './logger';
import { CONCIERGE } from '../../contract/languages';
import { verifyToken } from './tokens';
import { callTwilio, twilioStatus } from './twilio-call';
import { readVisitorConversation, type VisitorChatRequest } from './visitor-conversation';

/** What the agent reads in Flex; the author is the one the welcome came from, so it reads as a notice. */
export const ENDED_BY_VISITOR_TEXT = 'The customer ended the chat.';

/** Tasks a chat can still have open; completed and canceled ones are over already. */
const OPEN_TASK_STATUSES = ['pending', 'reserved', 'assigned', 'wrapping'];

/** What Twilio answers for a write to a closed conversation (https://www.twilio.com/docs/api/errors/50377). */
const CONVERSATION_CLOSED = 50377;

interface InteractionChannel {
  interactionSid: string;
  channelSid: string;
}

/** The interaction channel named by the conversation's open Flex task, if Studio sent the chat to Flex yet. */
async function findInteractionChannel(client: Twilio, config: FunctionsConfig, conversationSid: string): Promise<InteractionChannel | null> {
  const taskrouterWorkspaceSid = await flexWorkspaceSid(client, config);
  // conversationSid was checked to be CH + 32 hex (visitor-conversation.ts): nothing to escape in the expression.
  const tasks = await callTwilio('find task', () =>
    client.taskrouter.v1.workspaces(taskrouterWorkspaceSid).tasks.list({
      evaluateTaskAttributes: `conversationSid == "${conversationSid}"`,
      assignmentStatus: OPEN_TASK_STATUSES,
      limit: 20,
    }),
  );
  for (const task of tasks) {
    // A task someone else wrote with broken attributes names no channel of ours.
    const { flexInteractionSid, flexInteractionChannelSid } = attributesObject(task.attributes);
    if (typeof flexInteractionSid === 'string' && typeof flexInteractionChannelSid === 'string') {
      return { interactionSid: flexInteractionSid, channelSid: flexInteractionChannelSid };
    }
  }
  return null;
}

function closedAlready(error: unknown): boolean {
  return error instanceof UpstreamError && error.twilioCode === CONVERSATION_CLOSED;
}

/**
 * Ends the chat of the token's visitor; ending a chat that is closed already answers the same.
 * Only a participant of the conversation may end it.
 */
export async function endChat(client: Twilio, config: FunctionsConfig, request: VisitorChatRequest, log: Logger, now = new Date()): Promise<EndChatAnswer> {
  const { identity } = await verifyToken(config, request.token, now);
  const { state } = await readVisitorConversation(client, config, request.conversationSid, identity);
  if (state === 'closed') return { state: 'closed' };

  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(request.conversationSid);
  const channel = await findInteractionChannel(client, config, request.conversationSid);
  try {
    await callTwilio('post end notice', () =>
      conversation.messages.create({ author: CONCIERGE, body: ENDED_BY_VISITOR_TEXT, attributes: JSON.stringify(ENDED_BY_VISITOR_ATTRIBUTES), xTwilioWebhookEnabled: 'false' }),
    );
  } catch (error) {
    // Someone closed it meanwhile (the agent, Flex): the chat is over, as asked.
    if (closedAlready(error)) return { state: 'closed' };
    throw error;
  }
  if (channel !== null) {
    try {
      await callTwilio('close interaction channel', () =>
        client.flexApi.v1.interaction(channel.interactionSid).channels(channel.channelSid).update({ status: 'closed' }),
      );
      return { state: 'closed' };
    } catch (error) {
      const status = twilioStatus(error);
      if (status === undefined || status >= 500) throw error;
      // The channel is gone or closed already, while the conversation is still open: close it ourselves.
      log.warn('interaction channel not closed; closing the conversation directly', { twilioStatus: status, code: error instanceof UpstreamError ? error.twilioCode : undefined });
    }
  }
  // Not in Flex yet (the visitor left while the Studio flow ran): nothing to route, close the conversation.
  try {
    await callTwilio('close conversation', () => conversation.update({ state: 'closed' }));
  } catch (error) {
    if (!closedAlready(error)) throw error;
  }
  return { state: 'closed' };
}
