/**
 * What a chat tells the host page's listeners (`chatStarted`, `messageReceived`, `chatEnded`; see
 * common/page-api.ts) and the tab's attention, read from the store's state changes. In the
 * chat-view chunk: only a chat has these to tell, and the app chunk that shows the form stays small.
 * Made when the chunk arrives, so a chat already on is told from there on.
 */
import type { MountOptions } from '../common/app-contract';
import { createPageAttention } from './attention/page-attention';
import { displayName } from './format/display-name';
import type { AppConfig } from './settings/app-config';
import { isChatEvent } from './store/chat-events';
import type { ChatStore } from './store/chat-store';

/** `conversationSid` answers the connected conversation's sid (the saved session's). */
export function watchPageEvents(
  store: ChatStore,
  config: AppConfig,
  emit: MountOptions['emit'],
  conversationSid: () => string | undefined,
  sound: boolean,
): () => void {
  const attention = createPageAttention(sound);
  let phase: string | null = null;
  let startedSid: string | undefined;
  /** Messages up to this index were in the conversation when it opened, or already told. */
  let toldIndex = Infinity;

  const onChange = (): void => {
    const state = store.getState();
    const { messages, identity, knownNames } = state;
    const newest = messages[messages.length - 1]?.index ?? -1;
    if (state.phase === 'chat' && phase !== 'chat') {
      toldIndex = newest;
      const sid = conversationSid();
      if (sid !== undefined && sid !== startedSid) {
        startedSid = sid;
        emit('chatStarted', { conversationSid: sid });
      }
    }
    if (state.phase === 'chat' && newest > toldIndex) {
      for (const message of messages) {
        // The visitor's own end notice is no message to them (store/chat-events.ts).
        if (message.index <= toldIndex || message.author === identity || isChatEvent(message)) continue;
        emit('messageReceived', { author: displayName(message.author, identity, knownNames, config.names), body: message.body });
        attention.messageReceived();
      }
      toldIndex = newest;
    }
    if (state.phase === 'ended' && phase === 'chat') {
      startedSid = undefined;
      emit('chatEnded', { by: state.endedBy ?? 'agent' });
    }
    phase = state.phase;
  };
  const unsubscribe = store.subscribe(onChange);
  onChange();
  return () => {
    unsubscribe();
    attention.destroy();
  };
}
