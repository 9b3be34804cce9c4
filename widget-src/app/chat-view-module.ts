import type { ComponentType } from 'preact';
import type { createPageAttention } from './attention/page-attention';
import type { ChatViewProps } from './components/chat-view/chat-view';

/** What the chat-view chunk defines: the conversation view, its styles, and the tab's attention (needed only in a chat). */
export interface ChatViewModule {
  ChatView: ComponentType<ChatViewProps>;
  css: string;
  createPageAttention: typeof createPageAttention;
}
