/**
 * The key of one chat start, made by the widget and sent again with each retry of the same start.
 * It travels in the pre-engagement data, so a retry can find the chat an earlier attempt created
 * after that attempt gave up waiting, and carry on with it instead of leaving it behind.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { invalidField } from './errors';
import { callTwilio } from './twilio-call';

/** Where the key is kept in `pre_engagement_data`. */
export const START_KEY_FIELD = 'webchat_start_id';

const KEY_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

export interface StartKey {
  id: string;
  /** A retry of an earlier attempt, which may have created the chat already. */
  retry: boolean;
}

export function parseStartKey(params: Readonly<Record<string, unknown>>): StartKey | null {
  const { startId, attempt } = params;
  if (startId === undefined) return null;
  if (typeof startId !== 'string' || !KEY_SHAPE.test(startId)) {
    throw invalidField('startId', 'startId must be 16 to 64 letters, digits, - or _.');
  }
  if (attempt !== undefined && (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1 || attempt > 100)) {
    throw invalidField('attempt', 'attempt must be a whole number from 1 to 100.');
  }
  return { id: startId, retry: (attempt ?? 1) > 1 };
}

/** A chat an earlier attempt created, and how far that attempt got. */
export interface EarlierStart {
  conversationSid: string;
  identity: string;
  questionPosted: boolean;
  welcomePosted: boolean;
}

function startKeyOf(attributes: string): unknown {
  try {
    const data = (JSON.parse(attributes) as { pre_engagement_data?: unknown }).pre_engagement_data;
    // Flex may keep the data as the JSON text it was given.
    const record = typeof data === 'string' ? (JSON.parse(data) as unknown) : data;
    return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[START_KEY_FIELD] : undefined;
  } catch {
    // Attributes that are not JSON carry no start key: such a chat is simply not ours to adopt.
    return undefined;
  }
}

/**
 * Looks among today's and yesterday's newest active conversations (Twilio filters by day and lists
 * newest first; the start ceiling keeps that page short) for the one started with `key`.
 */
export async function findEarlierStart(
  client: Twilio,
  config: Pick<FunctionsConfig, 'conversationsServiceSid'>,
  key: string,
  author: string,
  now = new Date(),
): Promise<EarlierStart | null> {
  const service = client.conversations.v1.services(config.conversationsServiceSid);
  const yesterday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  const recent = await callTwilio('find earlier start', () =>
    service.conversations.list({ startDate: yesterday.toISOString().replace(/\.\d{3}Z$/, 'Z'), state: 'active', pageSize: 100, limit: 100 }),
  );
  const match = recent.find((conversation) => startKeyOf(conversation.attributes) === key);
  if (match === undefined) return null;
  const conversation = service.conversations(match.sid);
  const [participants, messages] = await Promise.all([
    callTwilio('list participants', () => conversation.participants.list({ pageSize: 50, limit: 50 })),
    callTwilio('list messages', () => conversation.messages.list({ pageSize: 50, limit: 50 })),
  ]);
  // Flex adds the customer first; agents can only join once the question started the flow.
  const customer = [...participants].sort((a, b) => a.dateCreated.getTime() - b.dateCreated.getTime()).find((p) => p.identity !== null);
  if (customer === undefined || customer.identity === null) return null;
  const identity = customer.identity;
  return {
    conversationSid: match.sid,
    identity,
    questionPosted: messages.some((message) => message.author === identity),
    welcomePosted: messages.some((message) => message.author === author),
  };
}
