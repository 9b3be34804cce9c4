/**
 * Conversation events that arrive while the transport is still loading the first snapshot.
 * The SDK delivers them (e.g. the agent's first reply) before the first page of messages has
 * loaded; folding them into the snapshot means none is lost and none is shown twice.
 */
import { isOlderHistory, type ChatMessage, type ChatParticipant, type ChatTransportEvents, type ConversationSnapshot } from './chat-transport';

/** The events that describe conversation data; typing and connection events are not snapshot data. */
export type SnapshotEvent = {
  [K in 'messageAdded' | 'messageUpdated' | 'messageRemoved' | 'participantJoined' | 'participantUpdated' | 'participantLeft' | 'conversationStateChanged']: {
    name: K;
    payload: ChatTransportEvents[K];
  };
}['messageAdded' | 'messageUpdated' | 'messageRemoved' | 'participantJoined' | 'participantUpdated' | 'participantLeft' | 'conversationStateChanged'];

function upsertMessage(messages: ChatMessage[], message: ChatMessage): ChatMessage[] {
  return [...messages.filter((m) => m.sid !== message.sid && m.index !== message.index), message].sort((a, b) => a.index - b.index);
}

function upsertParticipant(participants: ChatParticipant[], participant: ChatParticipant): ChatParticipant[] {
  return [...participants.filter((p) => p.sid !== participant.sid), participant];
}

/** The snapshot as it stands after `events`, in the order they arrived. */
export function foldIntoSnapshot(snapshot: ConversationSnapshot, events: readonly SnapshotEvent[]): ConversationSnapshot {
  let { state, participants } = snapshot;
  let messages = snapshot.latest.messages;
  for (const event of events) {
    switch (event.name) {
      case 'messageAdded':
        // An older message (the SDK may replay history after a reload) comes in with paging.
        if (!isOlderHistory(snapshot.latest, event.payload)) messages = upsertMessage(messages, event.payload);
        break;
      case 'messageUpdated':
        // Only messages on the page: an edit of an older one must not open a gap in the history.
        if (messages.some((m) => m.sid === event.payload.sid)) messages = upsertMessage(messages, event.payload);
        break;
      case 'messageRemoved':
        messages = messages.filter((m) => m.sid !== event.payload.sid);
        break;
      case 'participantJoined':
      case 'participantUpdated':
        participants = upsertParticipant(participants, event.payload);
        break;
      case 'participantLeft':
        participants = participants.filter((p) => p.sid !== event.payload.sid);
        break;
      case 'conversationStateChanged':
        state = event.payload;
        break;
    }
  }
  return { ...snapshot, state, participants, latest: { ...snapshot.latest, messages } };
}
