/** Every text the visitor reads about ending a chat themselves (English; translations fold in here). */
export const END_CHAT_TEXTS = {
  /** The control that starts ending the chat, and the confirm button. */
  endChat: 'End chat',
  question: 'End this chat? The agent will see that you left.',
  keepChatting: 'Keep chatting',
  ending: 'Ending the chat…',
  failed: 'The chat could not be ended. Check your connection and try again.',
  /** In the ended view, when the visitor ended it (the agent's end keeps "This chat has ended."). */
  endedByVisitor: 'You ended this chat.',
} as const;
