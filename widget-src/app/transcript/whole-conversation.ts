/**
 * Every message of the conversation, not only the pages shown: pages back through the store (which
 * asks the transport) until the start. Bounded, so a huge conversation cannot keep the widget busy
 * without end; the pages stay loaded, so the list then shows them too.
 */
import { WidgetError } from '../../errors';
import type { ChatMessage } from '../../transport/chat-transport';
import type { ChatState } from '../store/chat-state';
import type { ChatStore } from '../store/chat-store';

/** 200 pages of 30: 6,000 messages, far beyond any support chat. */
export const MAX_TRANSCRIPT_PAGES = 200;

/** Resolves with the first state that satisfies `ready` (the current one when it already does). */
function stateWhen(store: ChatStore, ready: (state: ChatState) => boolean): Promise<ChatState> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const state = store.getState();
      if (!ready(state)) return false;
      resolve(state);
      return true;
    };
    if (check()) return;
    const unsubscribe = store.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

/** Rejects when a page cannot be loaded: a transcript with a silent gap would mislead. */
export async function wholeConversation(store: ChatStore): Promise<ChatMessage[]> {
  for (let page = 0; page < MAX_TRANSCRIPT_PAGES; page += 1) {
    // The list may be loading a page itself: wait for it rather than ask twice.
    const state = await stateWhen(store, (current) => !current.loadingOlder);
    if (!state.hasOlder) return state.messages;
    const oldest = state.messages[0]?.index;
    await store.loadOlder();
    const after = await stateWhen(store, (current) => !current.loadingOlder);
    if (after.olderFailed) throw new WidgetError('TRANSCRIPT_INCOMPLETE', 'Older messages could not be loaded.');
    // No progress (the connection was replaced meanwhile): what is loaded is all there is to have.
    if (after.messages[0]?.index === oldest) return after.messages;
  }
  return store.getState().messages;
}
