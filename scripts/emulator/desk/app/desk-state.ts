/**
 * What the desk has open: the agent's SDK session and the conversation on screen. Shared by the
 * modules of the page; each change to the page about a chat first checks it is still `desk.open`.
 */
import type { Client, Conversation, Message, Paginator, Participant } from '@twilio/conversations';

/** The agent's SDK client for one join; replaced (and shut down) by the next join. */
export interface AgentSession {
  client: Client;
  identity: string;
  /** What the agent joined as: token renewals ask for this agent's token. */
  displayName: string;
}

/** The conversation on screen, once the SDK has opened it. */
export interface OpenChat {
  sid: string;
  conversation: Conversation;
  /** Display names of the participants' users by identity. */
  names: Map<string, string>;
  participants: Map<string, Participant>;
  typing: Set<string>;
  /** Rendered messages by index, to place late and older ones in order and update them. */
  messages: Map<number, HTMLElement>;
  /** The oldest page loaded, whose `prevPage()` loads older messages. */
  oldest: Paginator<Message> | undefined;
  /** Joins and departures are announced only once the roster has loaded. */
  rosterLoaded: boolean;
  /** This desk asked to end the conversation (to say who ended it). */
  endRequested: boolean;
  /** The customer's end message arrived (the widget posts it just before closing). */
  endedByCustomer: boolean;
}

export const desk: { session: AgentSession | undefined; open: OpenChat | undefined } = { session: undefined, open: undefined };
