/** The chat's state as the UI reads it, and where the session is kept between page loads. */
import type { CaptchaDescription } from '../../../contract/api';
import type { Availability } from '../../../contract/contact-center-api';
import type { ChatMessage, ChatParticipant, ChatSession, ConnectionState, ConversationState } from '../../transport/chat-transport';
import type { PendingFile } from '../attachments/check-files';

/** Where the visitor is in the journey; `closed`: outside the opening hours, a message form instead of a chat. */
export type Phase = 'idle' | 'form' | 'submitting' | 'connecting' | 'chat' | 'ended' | 'failed' | 'closed';

/** What the connection banner says; null hides it. */
export type Banner = 'connecting' | 'reconnecting' | 'restored' | 'offline' | null;

/** A blocking problem and whether "Try again" can fix it (otherwise only "Start new chat" can). */
export interface Failure {
  message: string;
  canRetry: boolean;
}

export interface ChatState {
  phase: Phase;
  formValues: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** A problem with the whole form submission (not one field). */
  formError: string | null;
  /** Information shown above the form, e.g. that an old chat could not be resumed. */
  notice: string | null;
  /** The site's captcha, once known; null when it has none. */
  captcha: CaptchaDescription | null;
  /** The visitor's solved captcha, used by the next start (each one is good once). */
  captchaToken: string | null;
  /** Bumped when a token was used, so the captcha shows afresh. */
  captchaRound: number;
  failure: Failure | null;
  /** Why the chat is closed and when it opens, while `phase` is `closed`. */
  availability: Availability | null;
  identity: string | null;
  connection: ConnectionState | null;
  banner: Banner;
  conversationState: ConversationState | null;
  /** Oldest first, unique by sid. */
  messages: ChatMessage[];
  hasOlder: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
  participants: ChatParticipant[];
  /** Friendly names of everyone seen in this conversation (kept after they leave). */
  knownNames: Record<string, string | null>;
  /** Identities of others currently typing. */
  typing: string[];
  /** Highest message index that someone other than the visitor has read. */
  othersReadIndex: number | null;
  /** Index of the first message the visitor has not seen: where the "New messages" marker goes. */
  firstUnreadIndex: number | null;
  unreadCount: number;
  attachments: PendingFile[];
  attachmentErrors: string[];
  sending: boolean;
  sendError: string | null;
  /** Who ended the chat, once it has ended (the agent, or the visitor with `endChat`). */
  endedBy: 'agent' | 'visitor' | null;
  /** The visitor's request to end the chat: under way, or failed (the chat goes on). */
  endStatus: 'ending' | 'failed' | null;
}

/** The state of no conversation: what a new connection or a fresh form starts from. */
export const EMPTY_CHAT = {
  identity: null,
  connection: null,
  banner: null,
  conversationState: null,
  messages: [],
  hasOlder: false,
  loadingOlder: false,
  olderFailed: false,
  participants: [],
  knownNames: {},
  typing: [],
  othersReadIndex: null,
  firstUnreadIndex: null,
  unreadCount: 0,
  attachments: [],
  attachmentErrors: [],
  sending: false,
  sendError: null,
  endedBy: null,
  endStatus: null,
} satisfies Partial<ChatState>;

/** Reads and changes the state: what the store lends the parts it is made of. */
export interface StateAccess {
  get(): ChatState;
  set(patch: Partial<ChatState>): void;
}

/** Where the session is kept between page loads. */
export interface SessionStore {
  load(): ChatSession | null;
  save(session: ChatSession): void;
  clear(): void;
}
