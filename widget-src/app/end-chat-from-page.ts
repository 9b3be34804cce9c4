/**
 * `handle.endChat()` from the host page, in the app. Ending a chat belongs to the store (the
 * visitor's own end-chat action, with its confirm step in the panel): this is the one place that
 * connects the page's request to it. The store's method is looked up by the name `endChat`, so a
 * store that has it is wired without a change here; until then the page's developer is told.
 */
import type { ChatStore } from './store/chat-store';

interface EndsChat {
  endChat?: () => Promise<void>;
}

export async function endChatFromPage(store: ChatStore | null): Promise<void> {
  const endChat = (store as EndsChat | null)?.endChat;
  if (endChat === undefined) {
    console.warn('Twilio webchat: endChat() needs a chat in progress and a widget that can end chats');
    return;
  }
  await endChat.call(store);
}
