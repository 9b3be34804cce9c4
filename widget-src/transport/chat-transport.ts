/**
 * The one seam between the chat UI and whatever carries the conversation in real time.
 * The UI only ever talks to this interface; its one implementation runs the Conversations SDK.
 */
import type { InitWebchatAnswer } from '../../contract/api';

/** The widget keeps `initWebchat`'s answer as the session it resumes after a reload. */
export type ChatSession = InitWebchatAnswer;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'denied';

export type ConversationState = 'active' | 'inactive' | 'closed';

export interface ChatMedia {
  sid: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface ChatMessage {
  sid: string;
  index: number;
  /** Identity of the author (a raw identity: never shown to the visitor as-is). */
  author: string;
  body: string;
  dateCreated: Date;
  media: ChatMedia[];
  /** Message attributes as Twilio stores them (parsed JSON object, `{}` when none). */
  attributes: Record<string, unknown>;
}

export interface ChatParticipant {
  sid: string;
  identity: string;
  /** Friendly name of the participant or of its user; null when Twilio has none. */
  friendlyName: string | null;
  /** Participant attributes (parsed JSON object). */
  attributes: Record<string, unknown>;
  lastReadMessageIndex: number | null;
}

export interface MessagePage {
  /** Oldest first. */
  messages: ChatMessage[];
  /** True when older messages exist before the first one of this page. */
  hasOlder: boolean;
}

/**
 * Whether `message` lies before `page` while older pages exist: such a message (the SDK may replay
 * history after a reload) is shown when the visitor pages back, never out of order.
 */
export function isOlderHistory(page: MessagePage, message: Pick<ChatMessage, 'index'>): boolean {
  const oldest = page.messages[0];
  return page.hasOlder && oldest !== undefined && message.index < oldest.index;
}

export interface ConversationSnapshot {
  state: ConversationState;
  participants: ChatParticipant[];
  /** The newest page of messages. */
  latest: MessagePage;
  /** Conversation attributes, e.g. `pre_engagement_data`. */
  attributes: Record<string, unknown>;
}

export interface ChatTransportEvents {
  connectionState: ConnectionState;
  messageAdded: ChatMessage;
  messageUpdated: ChatMessage;
  messageRemoved: { sid: string };
  participantJoined: ChatParticipant;
  participantUpdated: ChatParticipant;
  participantLeft: ChatParticipant;
  typingStarted: ChatParticipant;
  typingEnded: ChatParticipant;
  conversationStateChanged: ConversationState;
  /** The visitor was removed from the conversation, or it was deleted: the chat is over for them. */
  removed: undefined;
  /** Sent a few minutes before the token expires: the app should refresh it now. */
  tokenAboutToExpire: undefined;
  tokenExpired: undefined;
}

export type Unsubscribe = () => void;

/** A file the visitor picked, dropped or pasted. */
export interface OutgoingFile {
  name: string;
  contentType: string;
  data: Blob;
}

export interface ChatTransport {
  /** Connects and loads the conversation. Rejects when the token is refused or the conversation cannot be read. */
  connect(): Promise<ConversationSnapshot>;
  on<K extends keyof ChatTransportEvents>(event: K, listener: (payload: ChatTransportEvents[K]) => void): Unsubscribe;
  /** Messages older than `beforeIndex`, newest `pageSize` of them. */
  getMessagesBefore(beforeIndex: number, pageSize: number): Promise<MessagePage>;
  /** Every message after `index`, oldest first, however many (the first may be older): paged back from the newest. */
  messagesAfter(index: number): Promise<ChatMessage[]>;
  /** Sends text with message attributes; settles when Twilio answered or the SDK gave up, never earlier. */
  sendMessage(body: string, attributes: Record<string, string>): Promise<void>;
  /**
   * Sends one message carrying one file and no text: Flex's web chat takes one file per message and
   * no channel of Flex Conversations takes text and a file together (docs/flex/developer/conversations/limits).
   */
  sendMedia(file: OutgoingFile): Promise<void>;
  /** Tells others the visitor is typing; cheap to call on every keystroke. */
  typing(): void;
  /** Moves the visitor's read horizon to `index`. */
  markRead(index: number): Promise<void>;
  /** A short-lived URL at which the media can be downloaded. */
  getMediaUrl(media: ChatMedia): Promise<string>;
  updateToken(token: string): Promise<void>;
  /** Tears the connection down; the transport is unusable afterwards. */
  disconnect(): Promise<void>;
}
