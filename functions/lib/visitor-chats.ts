/**
 * A signed-in visitor's chats, newest first, kept in a Sync map under their key (visitor-identity.ts).
 * Flex chooses the customer's identity for every chat (`POST /v2/WebChats` takes no `Identity`:
 * https://www.twilio.com/docs/flex/developer/messaging/api/webchat, and Twilio's OpenAPI for Flex v2),
 * so this list is what ties one user to their chats, and to each chat's identity, on any device.
 * Tokens are minted for a chat's identity only after the site's token was verified.
 */
import type { Logger } from './logger';
import { rethrowBusy, withCollection, type SyncService } from './sync-collection';
import { callTwilio, twilioStatus } from './twilio-call';

const SIGNED_IN_VISITORS = 'webchat-signed-in-visitors';
/** Sync keeps at most 16 KB per item (https://www.twilio.com/docs/sync/limits): 50 chats of ~80 bytes fit. */
export const MAX_REMEMBERED_CHATS = 50;

/** One chat, in short keys: conversation, the visitor's identity in it, start (epoch seconds). */
export interface VisitorChat {
  c: string;
  i: string;
  t: number;
}

const items = (sync: SyncService) => sync.syncMaps(SIGNED_IN_VISITORS).syncMapItems;

function isChat(value: unknown): value is VisitorChat {
  const chat = value as Partial<VisitorChat> | null;
  return typeof chat?.c === 'string' && typeof chat.i === 'string' && typeof chat.t === 'number';
}

/** The visitor's chats, newest first; none before their first. */
export async function readVisitorChats(sync: SyncService, key: string): Promise<VisitorChat[]> {
  try {
    const item = await callTwilio('read visitor chats', () => items(sync)(key).fetch());
    const chats = (item.data as { chats?: unknown } | null)?.chats;
    return Array.isArray(chats) ? chats.filter(isChat) : [];
  } catch (error) {
    if (twilioStatus(error) === 404) return [];
    return rethrowBusy(error);
  }
}

/**
 * Puts a new chat first. Two devices starting at the same instant may both write; the later write
 * keeps the other's chat only if it read it, which Sync's missing compare-and-set (on maps) cannot
 * promise: that chat is then missing from the list, not from Flex.
 */
export async function rememberVisitorChat(sync: SyncService, key: string, chat: VisitorChat, log: Logger): Promise<void> {
  const earlier = await readVisitorChats(sync, key);
  const data = { chats: [chat, ...earlier.filter((known) => known.c !== chat.c)].slice(0, MAX_REMEMBERED_CHATS) };
  try {
    if (earlier.length === 0) {
      await withCollection(
        () => items(sync).create({ key, data }),
        () => sync.syncMaps.create({ uniqueName: SIGNED_IN_VISITORS }),
        'remember visitor chat',
      );
    } else {
      await callTwilio('remember visitor chat', () => items(sync)(key).update({ data }));
    }
  } catch (error) {
    // The chat itself works; only other devices will not find it.
    log.warn('signed-in visitor\'s chat not remembered; other devices will not find it', { conversationSid: chat.c, twilioStatus: twilioStatus(error) });
  }
}
