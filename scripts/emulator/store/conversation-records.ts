/**
 * What the Conversations service stores (conversations, participants, messages, users), what
 * callers may create or change of it, and the events a change announces.
 */

export type ConversationState = 'active' | 'inactive' | 'closed';
export const CONVERSATION_STATES: readonly ConversationState[] = ['active', 'inactive', 'closed'];

export interface ConversationRecord {
  sid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  attributes: string;
  state: ConversationState;
  dateCreated: Date;
  dateUpdated: Date;
  /** Next message index; indices are never reused, even after a delete (as in Twilio). */
  nextMessageIndex: number;
  /** Creation order, the paging key of lists. */
  seq: number;
}

export interface ParticipantRecord {
  sid: string;
  conversationSid: string;
  identity: string | null;
  attributes: string;
  lastReadMessageIndex: number | null;
  lastReadTimestamp: Date | null;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export interface MessageRecord {
  sid: string;
  conversationSid: string;
  index: number;
  author: string;
  body: string | null;
  attributes: string;
  mediaSids: string[];
  participantSid: string | null;
  /** Whether creating it would have fired Twilio webhooks (e.g. triggered the Studio flow). */
  webhookEnabled: boolean;
  dateCreated: Date;
  dateUpdated: Date | null;
}

export interface UserRecord {
  sid: string;
  identity: string;
  friendlyName: string | null;
  attributes: string;
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

export type StoreEvent =
  | { type: 'conversationUpdated'; conversation: ConversationRecord }
  | { type: 'conversationRemoved'; conversation: ConversationRecord }
  | { type: 'participantAdded' | 'participantUpdated' | 'participantRemoved'; participant: ParticipantRecord }
  | { type: 'messageAdded' | 'messageUpdated' | 'messageRemoved'; message: MessageRecord }
  | { type: 'userUpdated'; user: UserRecord };

export interface ConversationInput {
  friendlyName?: string;
  uniqueName?: string;
  attributes?: string;
  state?: ConversationState;
}

/** Twilio lets a caller back-date what it creates (`DateCreated`, `DateUpdated` on create). */
export interface CreationDates {
  dateCreated?: Date;
  dateUpdated?: Date;
}

/** A back-dated resource was last updated when it was created unless the caller says otherwise. */
export function creationDates(input: CreationDates, now: Date): { dateCreated: Date; dateUpdated: Date } {
  const dateCreated = input.dateCreated ?? now;
  return { dateCreated, dateUpdated: input.dateUpdated ?? dateCreated };
}

export interface ParticipantInput extends CreationDates {
  identity?: string;
  attributes?: string;
}

export interface ParticipantUpdate {
  attributes?: string;
  lastReadMessageIndex?: number | null;
}

export interface MessageInput {
  author?: string;
  body?: string;
  attributes?: string;
  mediaSids?: string[];
  webhookEnabled: boolean;
}

export interface MessageUpdate {
  author?: string;
  body?: string;
  attributes?: string;
}

export interface UserInput {
  identity: string;
  friendlyName?: string;
  attributes?: string;
}
