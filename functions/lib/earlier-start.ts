/**
 * What a start key lets an attempt do. Each start is recorded in a Sync map under its key's hash
 * before the chat is created (who started it and when, with a TTL of the retry window), then noted
 * with the chat once Flex answers. A retry reads that one item: a direct lookup however many chats
 * are active. When the earlier attempt stopped waiting before Flex answered, the chat Flex created
 * late is found by the hash in its pre-engagement data, among the chats created since the record,
 * newest first.
 *
 * A retry carries on only while that cannot hand anyone else's conversation over: within the
 * window, from the same origin, before an agent joined and before the visitor wrote anything
 * beyond the question. Otherwise it starts a chat of its own.
 */
import type { Twilio } from 'twilio';
import type { ConversationInstance } from 'twilio/lib/rest/conversations/v1/service/conversation';
import { preEngagementData } from './attributes';
import type { FunctionsConfig } from './config';
import type { Logger } from './logger';
import { RETRY_WINDOW_SECONDS, START_HASH_FIELD, type StartKey } from './start-key';
import { rethrowBusy, withCollection, type SyncService } from './sync-collection';
import { callTwilio, twilioStatus } from './twilio-call';

const START_KEYS = 'webchat-start-keys';
/** Twilio's clock and the Function's may differ a little; a late chat is looked for from a bit earlier. */
const CLOCK_SLACK_MS = 30_000;
/** Chats created in the window are bounded by the ceiling; other channels' chats share the service, so the scan is bounded too. */
const MAX_PAGES = 4;

/** The Sync item, in short keys: origin, start time (epoch seconds), and the chat once Flex answered. */
export interface StartRecord {
  o: string;
  t: number;
  c?: string;
  i?: string;
}

/** A chat an earlier attempt created, and how far that attempt got. */
export interface EarlierStart {
  conversationSid: string;
  identity: string;
  questionPosted: boolean;
  welcomePosted: boolean;
}

export interface StartClaim {
  /** Set when this attempt carries on with an earlier attempt's chat. */
  earlier: EarlierStart | null;
  /** Set when this attempt recorded the start: it creates the chat and notes it there. */
  record: StartRecord | null;
}

type Settings = Pick<FunctionsConfig, 'conversationsServiceSid' | 'syncServiceSid'>;

const startKeys = (sync: SyncService) => sync.syncMaps(START_KEYS).syncMapItems;

/**
 * Records a start under its key, or, when the key was recorded before and this is a retry, finds
 * the chat that start created. A key presented again on a first attempt is not a retry: it starts
 * a chat of its own, unrecorded.
 */
export async function claimStartKey(client: Twilio, config: Settings, key: StartKey, origin: string, author: string, now: Date): Promise<StartClaim> {
  const sync = client.sync.v1.services(config.syncServiceSid);
  const record: StartRecord = { o: origin, t: Math.floor(now.getTime() / 1000) };
  try {
    await withCollection(
      () => startKeys(sync).create({ key: key.hash, data: record, itemTtl: RETRY_WINDOW_SECONDS }),
      () => sync.syncMaps.create({ uniqueName: START_KEYS }),
      'record chat start',
    );
    return { earlier: null, record };
  } catch (error) {
    if (twilioStatus(error) !== 409) rethrowBusy(error);
  }
  return { earlier: key.retry ? await findEarlierStart(client, config, key.hash, origin, author, now) : null, record: null };
}

/** Notes the chat on the start's record, so a retry finds it directly; a failure only logs (a retry then looks it up). */
export async function noteChat(client: Twilio, config: Settings, key: StartKey, record: StartRecord, chat: { conversationSid: string; identity: string }, log: Logger): Promise<void> {
  const sync = client.sync.v1.services(config.syncServiceSid);
  try {
    await callTwilio('note chat start', () => startKeys(sync)(key.hash).update({ data: { ...record, c: chat.conversationSid, i: chat.identity } }));
  } catch {
    log.warn('chat start not noted; a retry will look for the chat instead', { conversationSid: chat.conversationSid });
  }
}

async function readRecord(sync: SyncService, hash: string): Promise<StartRecord | null> {
  try {
    return (await callTwilio('read chat start', () => startKeys(sync)(hash).fetch())).data as StartRecord;
  } catch (error) {
    if (twilioStatus(error) === 404) return null;
    return rethrowBusy(error);
  }
}

async function findEarlierStart(client: Twilio, config: Settings, hash: string, origin: string, author: string, now: Date): Promise<EarlierStart | null> {
  const record = await readRecord(client.sync.v1.services(config.syncServiceSid), hash);
  // Sync's TTL is approximate: the window is checked here too.
  if (record === null || record.o !== origin || now.getTime() - record.t * 1000 > RETRY_WINDOW_SECONDS * 1000) return null;
  const service = client.conversations.v1.services(config.conversationsServiceSid);
  const conversationSid = record.c ?? (await findLateChat(service, hash, record.t * 1000 - CLOCK_SLACK_MS));
  return conversationSid === null ? null : stillUntouched(service, conversationSid, author);
}

type ConversationsService = ReturnType<Twilio['conversations']['v1']['services']>;

function startHashOf(attributes: string): unknown {
  return preEngagementData(attributes)[START_HASH_FIELD];
}

/** The active chat created since `sinceMs` whose pre-engagement data holds `hash` (Twilio lists newest first when filtered by date). */
async function findLateChat(service: ConversationsService, hash: string, sinceMs: number): Promise<string | null> {
  const day = new Date(sinceMs);
  const startDate = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let page: { instances: ConversationInstance[]; nextPage(): Promise<typeof page> | undefined } = await callTwilio('find late chat', () =>
    service.conversations.page({ startDate, state: 'active', pageSize: 50 }),
  );
  for (let pages = 1; ; pages += 1) {
    for (const conversation of page.instances) {
      if (conversation.dateCreated.getTime() < sinceMs) return null;
      if (startHashOf(conversation.attributes) === hash) return conversation.sid;
    }
    const next = pages < MAX_PAGES ? page.nextPage() : undefined;
    if (next === undefined) return null;
    page = await callTwilio('find late chat', () => next);
  }
}

/** The chat and how far its start got, if nobody but the visitor is in it and they wrote at most the question. */
async function stillUntouched(service: ConversationsService, conversationSid: string, author: string): Promise<EarlierStart | null> {
  const conversation = service.conversations(conversationSid);
  const [state, participants, messages] = await Promise.all([
    callTwilio('read earlier chat', () => conversation.fetch()),
    callTwilio('list participants', () => conversation.participants.list({ pageSize: 5, limit: 5 })),
    callTwilio('list messages', () => conversation.messages.list({ pageSize: 5, limit: 5 })),
  ]);
  // Flex adds the customer alone; anyone else (an agent) means the chat is under way.
  const [customer, ...others] = participants;
  if (state.state === 'closed' || customer === undefined || customer.identity === null || others.length > 0) return null;
  const identity = customer.identity;
  const written = messages.filter((message) => message.author === identity).length;
  if (written > 1 || messages.some((message) => message.author !== identity && message.author !== author)) return null;
  return { conversationSid, identity, questionPosted: written === 1, welcomePosted: messages.some((message) => message.author === author) };
}
