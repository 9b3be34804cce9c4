/**
 * Messages that record an event of the chat rather than speak to the visitor. The only one so far
 * is the end notice the backend posts for the agent when the visitor ends the chat ("The customer
 * ended the chat."): the visitor did that themselves and the ended view already says "You ended
 * this chat.", so a bubble from someone else saying it again would only confuse. Such messages stay
 * in the state (who ended a chat is read from them, see end-chat.ts) but are neither listed nor
 * counted as unread.
 */
import { isEndedByVisitor } from '../../../contract/chat-events';
import type { ChatMessage } from '../../transport/chat-transport';

export function isChatEvent(message: ChatMessage): boolean {
  return isEndedByVisitor(message.attributes);
}

/** The messages the list shows, in the same order. */
export function listedMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.filter((message) => !isChatEvent(message));
}
