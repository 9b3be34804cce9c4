/**
 * camelCase views of store records with parsed attributes: what the test controls and the agent
 * desk's API send. The REST resources send Twilio's own snake_case JSON. Times are ISO 8601 strings.
 */
import type { ConversationsStore } from '../store/conversations-store';
import type { ConversationRecord, ConversationState, MessageRecord, ParticipantRecord } from '../store/conversation-records';

export interface MediaView {
  sid: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface MessageView {
  sid: string;
  index: number;
  author: string;
  body: string;
  dateCreated: string;
  media: MediaView[];
  attributes: Record<string, unknown>;
}

export interface ParticipantView {
  sid: string;
  identity: string | null;
  /** The participant's user's friendly name: Twilio participants have none of their own. */
  friendlyName: string | null;
  attributes: Record<string, unknown>;
  lastReadMessageIndex: number | null;
}

export interface ConversationView {
  sid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  state: ConversationState;
  attributes: Record<string, unknown>;
  dateCreated: string;
  dateUpdated: string;
}

/**
 * Attributes as an object; Twilio allows any JSON there, but only objects carry fields. Stored
 * attributes are JSON (the store checks them on the way in), so parsing cannot fail here.
 */
export function parseAttributes(attributes: string): Record<string, unknown> {
  const value: unknown = JSON.parse(attributes);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function conversationView(conversation: ConversationRecord): ConversationView {
  return {
    sid: conversation.sid,
    friendlyName: conversation.friendlyName,
    uniqueName: conversation.uniqueName,
    state: conversation.state,
    attributes: parseAttributes(conversation.attributes),
    dateCreated: conversation.dateCreated.toISOString(),
    dateUpdated: conversation.dateUpdated.toISOString(),
  };
}

export function messageView(store: ConversationsStore, message: MessageRecord): MessageView {
  return {
    sid: message.sid,
    index: message.index,
    author: message.author,
    body: message.body ?? '',
    dateCreated: message.dateCreated.toISOString(),
    media: message.mediaSids.flatMap((sid) => {
      const media = store.media.find(sid);
      return media ? [{ sid: media.sid, filename: media.filename, contentType: media.contentType, size: media.size }] : [];
    }),
    attributes: parseAttributes(message.attributes),
  };
}

export function participantView(store: ConversationsStore, participant: ParticipantRecord): ParticipantView {
  return {
    sid: participant.sid,
    identity: participant.identity,
    friendlyName: participant.identity === null ? null : (store.users.find(participant.identity)?.friendlyName ?? null),
    attributes: parseAttributes(participant.attributes),
    lastReadMessageIndex: participant.lastReadMessageIndex,
  };
}
