/**
 * The agent desk API's answers (desk-api.ts serves them, app/desk-app.ts reads them). They are the
 * desk's own: the conversation itself reaches the page through the real Conversations SDK, this API
 * only lists conversations, joins the agent and hands out Access Tokens. Times are ISO 8601
 * strings; attributes are parsed JSON objects.
 */

export interface DeskParticipantView {
  sid: string;
  identity: string | null;
  /** The participant's user's friendly name: Twilio participants have none of their own. */
  friendlyName: string | null;
  attributes: Record<string, unknown>;
  lastReadMessageIndex: number | null;
}

/** A conversation in the desk's list. */
export interface DeskConversationView {
  sid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  state: 'active' | 'inactive' | 'closed';
  attributes: Record<string, unknown>;
  dateCreated: string;
  dateUpdated: string;
  participants: DeskParticipantView[];
  messageCount: number;
  /** Who ended a closed conversation: the customer when its last word says so, else the agent. */
  endedBy: 'customer' | 'agent' | null;
}

/** An Access Token for an agent (ChatGrant on the emulator's Conversations service). */
export interface DeskTokenView {
  token: string;
  identity: string;
  expiration: string;
}

/** What joining answers: the agent's token and where the SDK's WebSocket connects. */
export interface DeskJoinView extends DeskTokenView {
  /** `ws://<emulator host:port>/v3/wsconnect`, for `new Client(token, {Twilsock: {uri}})`. */
  websocketUri: string;
}

/** An email the emulator's SendGrid stand-in accepted; its HTML is shown as text, never rendered. */
export type { CapturedEmail as DeskEmailView } from '../store/outbox';
