/** The one adapter between the UI-agnostic store and Preact components. */
import { useEffect, useState } from 'preact/hooks';
import type { ChatState } from './store/chat-state';
import type { ChatStore } from './store/chat-store';

/** Current store state; re-renders the component on every change. */
export function useChatState(store: ChatStore): ChatState {
  const [state, setState] = useState(() => store.getState());
  useEffect(() => {
    // The store may have changed between render and effect: read it once more.
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
