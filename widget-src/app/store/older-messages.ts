/** Paging back through the conversation: the page before the oldest message shown, merged in by index. */
import type { StateAccess } from './chat-state';
import type { Connection } from './connection';
import { mergeMessages } from './conversation-updates';

/** Messages fetched per "load older" page. */
const PAGE_SIZE = 30;

/** Loads the page before the oldest message shown, unless one is loading or none is older; a failure is shown, for a retry. */
export async function loadOlder(state: StateAccess, connection: Connection): Promise<void> {
  const { hasOlder, loadingOlder, messages } = state.get();
  const first = messages[0];
  const { transport, generation } = connection;
  if (!hasOlder || loadingOlder || first === undefined || transport === null) return;
  state.set({ loadingOlder: true, olderFailed: false });
  try {
    const page = await transport.getMessagesBefore(first.index, PAGE_SIZE);
    if (generation !== connection.generation) return;
    state.set({ messages: mergeMessages(state.get().messages, page.messages), hasOlder: page.hasOlder, loadingOlder: false });
  } catch {
    if (generation === connection.generation) state.set({ loadingOlder: false, olderFailed: true });
  }
}
