/**
 * Marks on messages that tell the conversation's story to whoever reads it later. A closed
 * conversation cannot be updated any more, so who ended a chat is said by the last message posted
 * before closing it: the Function that ends a chat writes it, the widget and the agent desk read it.
 */

/** The message attribute that names the event; its value is one of the events below. */
export const CHAT_EVENT_ATTRIBUTE = 'webchat_event';

/** The visitor ended the chat (the agent sees the message in Flex too). */
export const ENDED_BY_VISITOR = 'ended_by_visitor';

/** The attributes of the message that says the visitor ended the chat. */
export const ENDED_BY_VISITOR_ATTRIBUTES: Readonly<Record<string, string>> = { [CHAT_EVENT_ATTRIBUTE]: ENDED_BY_VISITOR };

/** Whether message attributes (parsed, as the SDK and the emulator's views give them) carry the visitor's end. */
export function isEndedByVisitor(attributes: unknown): boolean {
  return typeof attributes === 'object' && attributes !== null && (attributes as Record<string, unknown>)[CHAT_EVENT_ATTRIBUTE] === ENDED_BY_VISITOR;
}
