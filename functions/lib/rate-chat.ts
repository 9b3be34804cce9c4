/**
 * Records a visitor's rating of a chat that ended: once per chat (a Sync map item keyed by the
 * conversation, whose create fails the second time), within a day of the end, in three places:
 * - the deployment's own Sync map `webchat-ratings` (conversation, agent, time, rating, comment),
 *   always: `npm run ratings` prints it as CSV;
 * - the Flex task's attributes while the task exists: `conversations.conversation_measure_1`, the
 *   first of the custom measures Flex Insights reports on
 *   (https://www.twilio.com/docs/flex/developer/insights/enhance-integration), and `webchat_rating`
 *   with the comment, for a plugin or Studio; best effort, as the task may be gone;
 * - RATINGS_WEBHOOK_URL when set (ratings-webhook.ts), best effort and bounded.
 */
import type { Twilio } from 'twilio';
import type { RateChatAnswer } from '../../contract/contact-center-api';
import { RATINGS_MAP, type RatingRecord } from '../../contract/ratings';
import type { Environment, FunctionsConfig } from './config';
import { WebchatError } from './errors';
import { flexWorkspaceSid } from './flex-workspace';
import type { Logger } from './logger';
import type { RatingRequest } from './rating-request';
import { postRatingWebhook, readRatingsWebhook } from './ratings-webhook';
import { CONCIERGE } from '../../contract/languages';
import { rethrowBusy, withCollection } from './sync-collection';
import { verifyToken } from './tokens';
import { callTwilio, twilioStatus } from './twilio-call';
import { readVisitorConversation } from './visitor-conversation';

/** How long after its end a chat may be rated. */
const RATING_WINDOW_MS = 86_400_000;

async function lastAgent(client: Twilio, config: FunctionsConfig, conversationSid: string, visitor: string): Promise<string | null> {
  const messages = await callTwilio('list messages', () =>
    client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid).messages.list({ order: 'desc', limit: 50 }),
  );
  return messages.find((message) => message.author !== visitor && message.author !== CONCIERGE)?.author ?? null;
}

async function recordOnce(client: Twilio, config: FunctionsConfig, record: RatingRecord): Promise<void> {
  const sync = client.sync.v1.services(config.syncServiceSid);
  try {
    await withCollection(
      () => sync.syncMaps(RATINGS_MAP).syncMapItems.create({ key: record.conversationSid, data: record }),
      () => sync.syncMaps.create({ uniqueName: RATINGS_MAP }),
      'record rating',
    );
  } catch (error) {
    if (twilioStatus(error) === 409) throw new WebchatError(409, 'ALREADY_RATED', 'This chat was rated already.');
    rethrowBusy(error);
  }
}

async function rateTask(client: Twilio, config: FunctionsConfig, record: RatingRecord, log: Logger): Promise<void> {
  try {
    const tasks = client.taskrouter.v1.workspaces(await flexWorkspaceSid(client, config)).tasks;
    const [task] = await callTwilio('find task', () => tasks.list({ evaluateTaskAttributes: `conversationSid == "${record.conversationSid}"`, limit: 1 }));
    if (task === undefined) return;
    const attributes = JSON.parse(task.attributes) as Record<string, unknown> & { conversations?: Record<string, unknown> };
    const conversations = { ...attributes.conversations, conversation_measure_1: record.rating };
    const rated = { ...attributes, conversations, webchat_rating: { rating: record.rating, comment: record.comment, time: record.time } };
    await callTwilio('rate task', () => tasks(task.sid).update({ attributes: JSON.stringify(rated) }));
  } catch (error) {
    // The rating is kept in Sync already; a task that is gone or cannot change loses only its copy.
    log.warn('rating not written on the task', { conversationSid: record.conversationSid, twilioStatus: twilioStatus(error) });
  }
}

export async function rateChat(client: Twilio, config: FunctionsConfig, env: Environment, request: RatingRequest, log: Logger, now = new Date()): Promise<RateChatAnswer> {
  const webhook = readRatingsWebhook(env);
  // A token that expired since the chat ended still proves the visitor, for as long as rating is open.
  const { identity } = await verifyToken({ ...config, refreshGraceSeconds: config.refreshGraceSeconds + RATING_WINDOW_MS / 1000 }, request.token, now);
  const conversation = await readVisitorConversation(client, config, request.conversationSid, identity);
  if (conversation.state !== 'closed') throw new WebchatError(409, 'CHAT_NOT_ENDED', 'A chat can be rated once it has ended.');
  if (now.getTime() - conversation.dateUpdated.getTime() > RATING_WINDOW_MS) throw new WebchatError(409, 'RATING_TOO_LATE', 'A chat can be rated within a day of its end.');
  const record: RatingRecord = {
    conversationSid: request.conversationSid,
    agent: await lastAgent(client, config, request.conversationSid, identity),
    time: now.toISOString(),
    rating: request.rating,
    comment: request.comment,
  };
  await recordOnce(client, config, record);
  log.info('chat rated', { conversationSid: record.conversationSid, rating: record.rating });
  await rateTask(client, config, record, log);
  await postRatingWebhook(webhook, record, log);
  return { recorded: true };
}
