/**
 * At most MAX_TRANSCRIPT_EMAILS per conversation, so the Function cannot be used to flood a
 * visitor's inbox (or to burn the site's SendGrid quota). Counted in Twilio Sync, like the chat
 * start ceiling (start-guard.ts): the conversation's own attributes cannot be written once it is
 * closed, which is exactly when a visitor asks for the transcript; a Sync List per conversation
 * gives each email an index with no read-modify-write race between Function instances.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { WebchatError } from './errors';
import { withCollection } from './sync-collection';
import { twilioStatus } from './twilio-call';

export const MAX_TRANSCRIPT_EMAILS = 3;
/** The count outlives any session (SESSION_MAX_AGE_SECONDS is at most 30 days), then Sync deletes it. */
const COUNT_TTL_SECONDS = 30 * 86_400;

/**
 * Counts one more email for the conversation before it is sent (a failed send still counts: a
 * retry loop must not get unlimited attempts). Resolves with how many remain after this one.
 */
export async function countTranscriptEmail(client: Twilio, config: Pick<FunctionsConfig, 'syncServiceSid'>, conversationSid: string): Promise<number> {
  const sync = client.sync.v1.services(config.syncServiceSid);
  const uniqueName = `webchat-transcripts-${conversationSid}`;
  let index: number;
  try {
    ({ index } = await withCollection(
      () => sync.syncLists(uniqueName).syncListItems.create({ data: {} }),
      () => sync.syncLists.create({ uniqueName, ttl: COUNT_TTL_SECONDS }),
      'count transcript email',
    ));
  } catch (error) {
    if (twilioStatus(error) === 429) throw new WebchatError(429, 'TOO_MANY_TRANSCRIPTS', 'Too many requests right now. Please try again in a moment.', { retryAfterSeconds: 1 });
    throw error;
  }
  if (index >= MAX_TRANSCRIPT_EMAILS) {
    throw new WebchatError(429, 'TOO_MANY_TRANSCRIPTS', `The transcript of this chat was emailed ${MAX_TRANSCRIPT_EMAILS} times already; download it instead.`);
  }
  return MAX_TRANSCRIPT_EMAILS - index - 1;
}
