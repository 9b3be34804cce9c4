import type { ComponentType } from 'preact';
import type { ChatViewProps } from './components/chat-view/chat-view';
import type { watchPageEvents } from './page-events';

/** What the chat-view chunk defines: the conversation view, its styles, and what a chat tells the page (needed only in a chat). */
export interface ChatViewModule {
  ChatView: ComponentType<ChatViewProps>;
  css: string;
  watchPageEvents: typeof watchPageEvents;
}
