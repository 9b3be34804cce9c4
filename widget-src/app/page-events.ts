/**
 * What the chat tells the outside: the launcher's unread badge and the host page's listeners
 * (`chatStarted`, `messageReceived`, `unreadChanged`, `chatEnded`; see common/page-api.ts), read
 * from the store's state changes, and the tab's attention (attention/page-attention.ts, which comes
 * with the chat-view chunk: only a chat has messages to call attention to).
 */
import type { MountOptions } from '../common/app-contract';
import type { PageAttention } from './attention/page-attention';
import { displayName } from './format/display-name';
import type { AppConfig } from './settings/app-config';
import type { ChatStore } from './store/chat-store';

export interface PageEvents {
  /**
   * The chat's end about to come is the visitor's own doing (the end-chat action calls this before
   * closing the conversation), so `chatEnded` says `by: 'visitor'`; any other end is the agent's.
   */
  endingByVisitor(): void;
  destroy(): void;
}

/** `conversationSid` answers the connected conversation's sid (the saved session's); `attention` makes the tab's attention. */
export function watchPageEvents(
  store: ChatStore,
  config: AppConfig,
  options: Pick<MountOptions, 'emit' | 'onUnread'>,
  conversationSid: () => string | undefined,
  attention: () => Promise<PageAttention>,
): PageEvents {
  /** Made with the first message from others. */
  let tab: Promise<PageAttention> | null = null;
  let { phase, unreadCount } = store.getState();
  let startedSid: string | undefined;
  /** Messages up to this index were in the conversation when it opened, or already told. */
  let toldIndex = Infinity;
  let endedBy: 'agent' | 'visitor' = 'agent';
  options.onUnread(unreadCount);

  const unsubscribe = store.subscribe(() => {
    const state = store.getState();
    const { messages, identity, knownNames } = state;
    const newest = messages[messages.length - 1]?.index ?? -1;
    if (state.phase === 'chat' && phase !== 'chat') {
      toldIndex = newest;
      endedBy = 'agent';
      const sid = conversationSid();
      if (sid !== undefined && sid !== startedSid) {
        startedSid = sid;
        options.emit('chatStarted', { conversationSid: sid });
      }
    }
    if (state.phase === 'chat' && newest > toldIndex) {
      for (const message of messages) {
        if (message.index <= toldIndex || message.author === identity) continue;
        options.emit('messageReceived', { author: displayName(message.author, identity, knownNames, config.names), body: message.body });
        tab ??= attention();
        // A chunk that failed to load is reported by the chat view, which needs it too.
        tab.then((made) => made.messageReceived(), () => undefined);
      }
      toldIndex = newest;
    }
    if (state.unreadCount !== unreadCount) {
      unreadCount = state.unreadCount;
      options.onUnread(unreadCount);
      options.emit('unreadChanged', { count: unreadCount });
    }
    if (state.phase === 'ended' && phase === 'chat') {
      startedSid = undefined;
      options.emit('chatEnded', { by: endedBy });
    }
    phase = state.phase;
  });

  return {
    endingByVisitor() {
      endedBy = 'visitor';
    },
    destroy() {
      unsubscribe();
      tab?.then((made) => made.destroy(), () => undefined);
    },
  };
}
