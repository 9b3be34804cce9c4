/** Binds the outbox of the current chat to the store: what it sends through, what arrived, when the chat ended. */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatState } from '../store/chat-state';
import type { ChatStore } from '../store/chat-store';
import { Outbox } from './outbox';
import { localOutboxStorage } from './outbox-storage';

/** The outbox of the chat on screen (null before its identity is known); re-renders on its changes. */
export function useOutbox(store: ChatStore, state: ChatState): Outbox | null {
  const chat = state.identity;
  // A ref rather than useMemo: the chunks share the hooks the app chunk exports (app-shared.ts), and
  // that chunk has no bytes to spare for one more.
  const made = useRef<{ chat: string; outbox: Outbox } | null>(null);
  if (chat !== null && made.current?.chat !== chat) made.current = { chat, outbox: new Outbox({ storage: localOutboxStorage, chat }) };
  const outbox = chat === null ? null : (made.current?.outbox ?? null);
  const [, setVersion] = useState(0);
  useEffect(() => outbox?.subscribe(() => setVersion((v) => v + 1)), [outbox]);
  // Before the link: a message seen to arrive is never looked for, let alone sent again.
  useEffect(() => outbox?.delivered(state.messages), [outbox, state.messages]);
  const link = store.link;
  useEffect(() => outbox?.setLink(link), [outbox, link]);
  useEffect(() => () => outbox?.setLink(null), [outbox]);
  // Before paint: the ended chat never shows its unsent messages as still to be retried.
  useLayoutEffect(() => {
    if (state.phase === 'ended') outbox?.end();
  }, [outbox, state.phase]);
  return outbox;
}
