/**
 * camelCase views of store records with parsed attributes (types in protocol.ts): what the test
 * controls and the realtime protocol send. The REST resources send Twilio's own snake_case JSON.
 */
import type { ConversationView, MessageView, ParticipantView } from './protocol';
import type { ConversationRecord, EmulatorStore, MessageRecord, ParticipantRecord } from './store';

/** Attributes as an object; Twilio allows any JSON there, but only objects carry fields. */
function parseAttributes(attributes: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(attributes);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
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

export function messageView(store: EmulatorStore, message: MessageRecord): MessageView {
  return {
    sid: message.sid,
    index: message.index,
    author: message.author,
    body: message.body ?? '',
    dateCreated: message.dateCreated.toISOString(),
    media: message.mediaSids.flatMap((sid) => {
      const media = store.findMedia(sid);
      return media ? [{ sid: media.sid, filename: media.filename, contentType: media.contentType, size: media.size }] : [];
    }),
    attributes: parseAttributes(message.attributes),
  };
}

export function participantView(store: EmulatorStore, participant: ParticipantRecord): ParticipantView {
  return {
    sid: participant.sid,
    identity: participant.identity,
    friendlyName: participant.identity === null ? null : (store.findUser(participant.identity)?.friendlyName ?? null),
    attributes: parseAttributes(participant.attributes),
    lastReadMessageIndex: participant.lastReadMessageIndex,
  };
}
