/**
 * The conversation list, from the desk API (polled): each conversation with its pre-engagement
 * data and a Join button.
 */
import { desk } from './desk-state';
import type { DeskConversationView } from '../desk-types';
import { deskApi, errorText, make, preEngagement, renderFacts, report, ui } from './page';

const POLL_MS = 2000;
const ENDED_BY_TEXT = { customer: 'Ended by the customer', agent: 'Ended by the agent' } as const;
let onJoin: (conversation: DeskConversationView) => void = () => undefined;

function renderList(conversations: DeskConversationView[]): void {
  ui.empty.hidden = conversations.length > 0;
  ui.list.replaceChildren(
    ...conversations.map((conversation) => {
      const title = conversation.friendlyName ?? conversation.sid;
      const current = desk.open?.sid === conversation.sid;
      const item = make('li', undefined, 'desk-conversation');
      item.dataset.sid = conversation.sid;
      item.setAttribute('aria-current', String(current));
      const facts = make('dl');
      facts.className = 'facts';
      renderFacts(facts, preEngagement(conversation.attributes));
      const verb = current ? 'Rejoin' : 'Join';
      const join = make('button', verb, 'desk-join');
      join.type = 'button';
      join.setAttribute('aria-label', `${verb} ${title}`);
      join.addEventListener('click', () => onJoin(conversation));
      const count = `${conversation.messageCount} message${conversation.messageCount === 1 ? '' : 's'}`;
      const ended = conversation.endedBy === null ? '' : ` · ${ENDED_BY_TEXT[conversation.endedBy]}`;
      item.append(make('strong', title), make('p', `${conversation.state} · ${count}${ended}`), facts, join);
      return item;
    }),
  );
}

export async function refreshList(): Promise<void> {
  try {
    renderList(await deskApi<DeskConversationView[]>('conversations'));
  } catch (error) {
    report(`Could not load conversations: ${errorText(error)}`);
  }
}

/** Shows the list now and keeps it fresh; `join` opens a conversation the agent picks. */
export function startConversationList(join: (conversation: DeskConversationView) => void): void {
  onJoin = join;
  void refreshList();
  setInterval(() => void refreshList(), POLL_MS);
}
