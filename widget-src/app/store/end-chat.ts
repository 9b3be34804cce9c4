/**
 * The visitor ends the chat: the backend closes it (functions/endChat.ts), and the chat shows as
 * ended by the visitor. A failure leaves the chat as it was, usable, with `endStatus: 'failed'`
 * for the UI to say so. The conversation's own "closed" event may arrive before the answer does;
 * whichever comes first, the visitor's end is recorded as theirs.
 */
import type { ChatMessage } from '../../transport/chat-transport';
import { isEndedByVisitor } from '../../../contract/chat-events';
import type { WebchatApi } from '../../api/client';
import type { SessionStore, StateAccess } from './chat-state';
import type { Connection } from './connection';

/** Who ended a chat that has just closed: the visitor when they asked, or when its last word says so (another tab). */
export function endedBy(state: { endStatus: string | null; messages: readonly ChatMessage[] }): 'agent' | 'visitor' {
  return state.endStatus === 'ending' || state.messages.some((message) => isEndedByVisitor(message.attributes)) ? 'visitor' : 'agent';
}

/** Resolves true once the chat is closed. Does nothing unless a chat is on and no end is under way. */
export async function endChat(state: StateAccess, connection: Connection, { api, sessions }: { api: WebchatApi; sessions: SessionStore }): Promise<boolean> {
  const { session, generation } = connection;
  const current = state.get();
  if (current.phase !== 'chat' || current.endStatus === 'ending' || session === null) return false;
  state.set({ endStatus: 'ending' });
  try {
    await api.endChat(session.token, session.conversationSid);
  } catch {
    // The chat goes on: the UI says it could not be ended and the visitor may try again.
    if (generation === connection.generation) state.set({ endStatus: 'failed' });
    return false;
  }
  if (generation !== connection.generation) return false;
  sessions.clear();
  connection.stopRenewing();
  state.set({ phase: 'ended', conversationState: 'closed', endedBy: 'visitor', endStatus: null, typing: [], attachments: [], sending: false });
  return true;
}
