import type { ComponentType } from 'preact';
import type { ChatViewProps } from './components/chat-view/chat-view';
import type { PastChatsProps } from './components/past-chats/past-chats';
import type { watchPageEvents } from './page-events';

/** What the chat-view chunk defines: the conversation view, its styles, what a chat tells the page (needed only in a chat), and a signed-in visitor's earlier chats. */
export interface ChatViewModule {
  ChatView: ComponentType<ChatViewProps>;
  css: string;
  watchPageEvents: typeof watchPageEvents;
  /** A signed-in visitor's earlier chats (shown from the form). */
  PastChats: ComponentType<PastChatsProps>;
}
