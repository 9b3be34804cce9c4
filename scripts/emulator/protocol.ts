/**
 * Wire types of the emulator's realtime protocol (see realtime.ts), shared by the server and the
 * browser clients (the widget's EmulatorTransport, the agent desk) through type-only imports.
 * Times are ISO 8601 strings; attributes are parsed JSON objects.
 */

export type ConversationStateName = 'active' | 'inactive' | 'closed';

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
  state: ConversationStateName;
  attributes: Record<string, unknown>;
  dateCreated: string;
  dateUpdated: string;
}

export interface MessagePageView {
  /** Oldest first. */
  messages: MessageView[];
  /** More messages exist beyond this page in the direction asked for. */
  hasMore: boolean;
}

export interface SnapshotView {
  identity: string;
  conversation: ConversationView;
  participants: ParticipantView[];
  /** The newest messages. */
  latest: MessagePageView;
}

/** Server-Sent Events: event name → JSON `data`. */
export interface RealtimeEventMap {
  ready: { identity: string };
  messageAdded: MessageView;
  messageUpdated: MessageView;
  messageRemoved: { sid: string; index: number };
  participantJoined: ParticipantView;
  participantUpdated: ParticipantView;
  participantLeft: ParticipantView;
  typingStarted: ParticipantView;
  typingEnded: ParticipantView;
  conversationUpdated: ConversationView;
  conversationRemoved: { sid: string };
  /** The stream's token expired; the server closes the stream right after. */
  tokenExpired: Record<string, never>;
}

export type RealtimeEventName = keyof RealtimeEventMap;

export interface SendMessageRequest {
  body?: string;
  mediaSids?: string[];
  attributes?: Record<string, unknown>;
}

export interface ReadRequest {
  index: number;
}

export interface MediaUrlView {
  url: string;
  /** ISO time after which the URL stops working. */
  expires: string;
}

/** Agent desk: a conversation in the list. */
export interface DeskConversationView extends ConversationView {
  participants: ParticipantView[];
  messageCount: number;
}

/** Agent desk: what joining answers. */
export interface DeskJoinView {
  token: string;
  identity: string;
  expiration: string;
}
