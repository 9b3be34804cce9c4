/**
 * Reads a conversation for its transcript email with the Function's own Twilio client: whether the
 * token's identity is a participant and the address the visitor gave in the pre-engagement form
 * (readVisitorEmail), then every message (bounded), with names as the widget shows them by default
 * (a user's friendly name, else "You" for the visitor and "Agent" for anyone else) and times in UTC
 * (the Function does not know the visitor's time zone, and says so in the email).
 */
import type { Twilio } from 'twilio';
import type { TranscriptDocument } from '../../contract/transcript';
import { TRANSCRIPT_TEXTS } from '../../contract/transcript-texts';
import { preEngagementData } from './attributes';
import type { FunctionsConfig } from './config';
import { isMailbox } from './email-recipient';
import { WebchatError } from './errors';
import { callTwilio, twilioStatus } from './twilio-call';
import { readVisitorConversation } from './visitor-conversation';

/** Far beyond a support chat; at 100 a page, 20 reads, each bounded by the invocation's deadline. */
export const MAX_TRANSCRIPT_MESSAGES = 2000;
/** Names are looked up for at most this many authors (the visitor, agents, bots). */
const MAX_NAMED_AUTHORS = 20;

function preEngagementEmail(attributes: string): string | null {
  const { email } = preEngagementData(attributes);
  const address = typeof email === 'string' ? email.trim() : '';
  return isMailbox(address) ? address : null;
}

async function friendlyNames(client: Twilio, config: FunctionsConfig, authors: string[]): Promise<Map<string, string>> {
  const users = client.conversations.v1.services(config.conversationsServiceSid).users;
  const found = await Promise.all(
    authors.slice(0, MAX_NAMED_AUTHORS).map(async (author): Promise<[string, string | null]> => {
      try {
        const user = await callTwilio('fetch user', () => users(author).fetch());
        return [author, user.friendlyName?.trim() || null];
      } catch (error) {
        // An author with no user (the Concierge, a bot) gets the default name, as in the widget.
        if (twilioStatus(error) === 404) return [author, null];
        throw error;
      }
    }),
  );
  return new Map(found.flatMap(([author, name]) => (name === null ? [] : [[author, name]])));
}

/** The address the visitor gave in the form, once the token's identity is shown to be their sealed participant: the only one a transcript goes to. */
export async function readVisitorEmail(client: Twilio, config: FunctionsConfig, conversationSid: string, identity: string): Promise<string> {
  // A closed conversation keeps its participants, so the visitor can still ask after the chat ended.
  const { attributes } = await readVisitorConversation(client, config, conversationSid, identity);
  const email = preEngagementEmail(attributes);
  if (email === null) {
    // 409: the request is well-formed, but this conversation's state (no address on file) refuses it.
    throw new WebchatError(409, 'NO_EMAIL_ADDRESS', 'This chat has no email address to send the transcript to.');
  }
  return email;
}

export async function readTranscriptDocument(client: Twilio, config: FunctionsConfig, conversationSid: string, identity: string): Promise<TranscriptDocument> {
  const conversation = client.conversations.v1.services(config.conversationsServiceSid).conversations(conversationSid);
  const messages = await callTwilio('list messages', () => conversation.messages.list({ order: 'asc', pageSize: 100, limit: MAX_TRANSCRIPT_MESSAGES }));
  const names = await friendlyNames(client, config, [...new Set(messages.map((message) => message.author))]);
  const format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const first = messages[0];
  return {
    lang: 'en',
    subtitle: first === undefined ? TRANSCRIPT_TEXTS.timesInUtc : `${format.format(first.dateCreated)} · ${TRANSCRIPT_TEXTS.timesInUtc}`,
    lines: messages.map((message) => ({
      name: names.get(message.author) ?? (message.author === identity ? TRANSCRIPT_TEXTS.visitorName : TRANSCRIPT_TEXTS.agentName),
      time: format.format(message.dateCreated),
      isoTime: message.dateCreated.toISOString(),
      body: message.body ?? '',
      files: ((message.media ?? []) as Array<{ filename?: unknown }>).map((media) => (typeof media.filename === 'string' ? media.filename : TRANSCRIPT_TEXTS.attachment)),
    })),
  };
}
