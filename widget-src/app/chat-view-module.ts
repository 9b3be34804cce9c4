import type { ComponentType } from 'preact';
import type { ChatViewProps } from './components/chat-view/chat-view';

/** What the chat-view chunk defines: the conversation view and its styles. */
export interface ChatViewModule {
  ChatView: ComponentType<ChatViewProps>;
  css: string;
}
