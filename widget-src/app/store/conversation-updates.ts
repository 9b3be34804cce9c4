/**
 * How conversation events change the chat's state: pure functions from the state and an event to
 * the patch the store applies.
 */
import type { ChatMessage, ChatParticipant, ConversationSnapshot } from '../../transport/chat-transport';
import type { AppConfig } from '../settings/app-config';
import type { ChatState } from './chat-state';
import { isChatEvent } from './chat-events';
import { endedBy } from './end-chat';

function byIndex(a: ChatMessage, b: ChatMessage): number {
  return a.index - b.index;
}

/** Adds or replaces messages by sid, keeping index order. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySid = new Map(current.map((message) => [message.sid, message]));
  for (const message of incoming) bySid.set(message.sid, message);
  return [...bySid.values()].sort(byIndex);
}

/** The highest message index that someone other than `me` has read. */
function othersRead(participants: ChatParticipant[], me: string | null): number | null {
  let highest: number | null = null;
  for (const p of participants) {
    if (p.identity !== me && p.lastReadMessageIndex !== null) {
      highest = Math.max(highest ?? -1, p.lastReadMessageIndex);
    }
  }
  return highest;
}

/** Messages from others after `read`, the visitor's read horizon: what they have not seen. */
function unseenAfter(messages: ChatMessage[], me: string | null, read: number | null): ChatMessage[] {
  return messages.filter((m) => m.author !== me && !isChatEvent(m) && m.index > (read ?? -1));
}

/**
 * What the visitor told us about themselves, read back from the conversation (Flex keeps the
 * form in `pre_engagement_data`), so "Start new chat" after a reload is prefilled without us
 * storing personal data in the browser. The question is left out: a new chat needs a new one.
 */
function preEngagementValues(attributes: Record<string, unknown>, fields: AppConfig['fields']): Record<string, string> {
  let data: unknown = attributes.pre_engagement_data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      // Not JSON: nothing to prefill from.
      return {};
    }
  }
  if (typeof data !== 'object' || data === null) return {};
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = (data as Record<string, unknown>)[field.name];
    if (field.name !== 'query' && typeof value === 'string') values[field.name] = value;
  }
  return values;
}

/**
 * The state once the conversation is open. Only a `resumed` chat has history the visitor may
 * have missed; a new one starts read.
 */
export function openedPatch(state: ChatState, snapshot: ConversationSnapshot, resumed: boolean, fields: AppConfig['fields']): Partial<ChatState> {
  const me = state.identity;
  // Events the transport emitted between handing over the snapshot and now are newer than it.
  const messages = mergeMessages(snapshot.latest.messages, state.messages);
  const participants = [...snapshot.participants.filter((p) => !state.participants.some((q) => q.sid === p.sid)), ...state.participants];
  const myRead = participants.find((p) => p.identity === me)?.lastReadMessageIndex ?? null;
  const unseen = resumed ? unseenAfter(messages, me, myRead) : [];
  return {
    formValues: { ...preEngagementValues(snapshot.attributes, fields), ...state.formValues },
    phase: snapshot.state === 'closed' ? 'ended' : 'chat',
    endedBy: snapshot.state === 'closed' ? endedBy({ endStatus: null, messages }) : null,
    conversationState: snapshot.state,
    connection: 'connected',
    banner: null,
    messages,
    hasOlder: snapshot.latest.hasOlder,
    participants,
    knownNames: { ...state.knownNames, ...Object.fromEntries(participants.map((p) => [p.identity, p.friendlyName])) },
    othersReadIndex: othersRead(participants, me),
    firstUnreadIndex: unseen[0]?.index ?? null,
    unreadCount: unseen.length,
  };
}

export function participantUpserted(state: ChatState, participant: ChatParticipant): Partial<ChatState> {
  const participants = [...state.participants.filter((p) => p.sid !== participant.sid), participant];
  const known = state.knownNames[participant.identity];
  // The visitor's own participant, read on another device or tab: what was read there is read here
  // (never more unread than counted: an older horizon may arrive after a newer one).
  const unread = participant.identity === state.identity ? unseenAfter(state.messages, state.identity, participant.lastReadMessageIndex).length : Infinity;
  return {
    participants,
    unreadCount: Math.min(state.unreadCount, unread),
    // A later update without a name must not erase one we already know.
    knownNames: { ...state.knownNames, [participant.identity]: participant.friendlyName ?? known ?? null },
    othersReadIndex: othersRead(participants, state.identity),
  };
}

export function participantLeft(state: ChatState, participant: ChatParticipant): Partial<ChatState> {
  const participants = state.participants.filter((p) => p.sid !== participant.sid);
  return {
    participants,
    typing: state.typing.filter((identity) => identity !== participant.identity),
    othersReadIndex: othersRead(participants, state.identity),
  };
}
