/**
 * The agent desk in the browser. Talks to the emulator like the widget does, through the widget's
 * own EmulatorTransport with an agent token from the desk API. All user-supplied text goes
 * through textContent: names, messages and file names from visitors are untrusted.
 */
import type { ChatMedia, ChatMessage, ChatParticipant, ChatTransport } from '../../../widget-src/transport/chat-transport';
import { EmulatorTransport } from '../../../widget-src/transport/emulator-transport';
import type { DeskConversationView, DeskJoinView } from '../protocol';

const POLL_MS = 2000;
const NAME_KEY = 'emulator-desk-display-name';

function element<T extends HTMLElement>(testId: string): T {
  const found = document.querySelector<T>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`desk page lacks ${testId}`);
  return found;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, testId?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (testId !== undefined) node.dataset.testid = testId;
  return node;
}

const ui = {
  name: element<HTMLInputElement>('desk-display-name'),
  empty: element('desk-empty'),
  list: element('desk-conversation-list'),
  chat: element('desk-chat'),
  title: element('desk-chat-title'),
  state: element('desk-chat-state'),
  preEngagement: element('desk-pre-engagement'),
  participants: element('desk-participants'),
  messages: element('desk-messages'),
  typing: element('desk-typing'),
  form: element<HTMLFormElement>('desk-composer-form'),
  composer: element<HTMLTextAreaElement>('desk-composer'),
  files: element<HTMLInputElement>('desk-file'),
  markRead: element('desk-mark-read'),
  end: element('desk-end'),
  status: element('desk-status'),
};

interface OpenChat {
  sid: string;
  identity: string;
  transport: ChatTransport;
  participants: Map<string, ChatParticipant>;
  typing: Set<string>;
  lastIndex: number;
}

let open: OpenChat | undefined;

function report(message: string): void {
  ui.status.textContent = message;
}

async function deskApi<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/desk/api/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(error.message ?? `desk API answered ${response.status}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

function preEngagement(attributes: Record<string, unknown>): [string, string][] {
  const data = attributes.pre_engagement_data;
  if (typeof data !== 'object' || data === null) return data === undefined ? [] : [['data', String(data)]];
  return Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}

function renderFacts(target: HTMLElement, facts: [string, string][]): void {
  target.replaceChildren(...facts.flatMap(([key, value]) => [make('dt', key), make('dd', value)]));
}

function renderList(conversations: DeskConversationView[]): void {
  ui.empty.hidden = conversations.length > 0;
  ui.list.replaceChildren(
    ...conversations.map((conversation) => {
      const title = conversation.friendlyName ?? conversation.sid;
      const item = make('li', undefined, 'desk-conversation');
      item.dataset.sid = conversation.sid;
      item.setAttribute('aria-current', String(open?.sid === conversation.sid));
      const facts = make('dl');
      facts.className = 'facts';
      renderFacts(facts, preEngagement(conversation.attributes));
      const verb = open?.sid === conversation.sid ? 'Rejoin' : 'Join';
      const join = make('button', verb, 'desk-join');
      join.type = 'button';
      join.setAttribute('aria-label', `${verb} ${title}`);
      join.addEventListener('click', () => void joinConversation(conversation));
      const count = `${conversation.messageCount} message${conversation.messageCount === 1 ? '' : 's'}`;
      item.append(make('strong', title), make('p', `${conversation.state} · ${count}`), facts, join);
      return item;
    }),
  );
}

async function refreshList(): Promise<void> {
  try {
    renderList(await deskApi<DeskConversationView[]>('conversations'));
  } catch (error) {
    report(`Could not load conversations: ${(error as Error).message}`);
  }
}

function displayName(identity: string): string {
  const participant = [...(open?.participants.values() ?? [])].find((p) => p.identity === identity);
  const name = participant?.friendlyName ?? identity;
  return identity === open?.identity ? `${name} (you)` : name;
}

function renderParticipants(): void {
  if (!open) return;
  ui.participants.replaceChildren(
    ...[...open.participants.values()].map((participant) => {
      const read = participant.lastReadMessageIndex === null ? 'has not read yet' : `read up to #${participant.lastReadMessageIndex}`;
      const item = make('li', `${displayName(participant.identity)}: ${read}`, 'desk-participant');
      item.dataset.identity = participant.identity;
      item.dataset.lastRead = String(participant.lastReadMessageIndex ?? '');
      return item;
    }),
  );
  ui.typing.textContent = [...open.typing].map(displayName).map((name) => `${name} is typing…`).join(' ');
}

function mediaItem(transport: ChatTransport, media: ChatMedia): HTMLElement {
  const wrapper = make('div');
  const size = media.size < 1024 ? `${media.size} B` : `${Math.ceil(media.size / 1024)} KB`;
  const button = make('button', `${media.filename} (${size})`, 'desk-media');
  button.type = 'button';
  button.addEventListener('click', () => {
    transport.getMediaUrl(media).then((url) => window.open(url, '_blank', 'noopener'), (error: Error) => report(`Could not open file: ${error.message}`));
  });
  wrapper.append(button);
  if (media.contentType.startsWith('image/') && media.contentType !== 'image/svg+xml') {
    const image = make('img');
    image.alt = media.filename;
    transport.getMediaUrl(media).then((url) => (image.src = url), () => image.remove());
    wrapper.append(image);
  }
  return wrapper;
}

function renderMessage(message: ChatMessage): HTMLElement {
  const item = make('li', undefined, 'desk-message');
  item.dataset.sid = message.sid;
  item.dataset.index = String(message.index);
  const time = make('time', message.dateCreated.toLocaleTimeString());
  time.dateTime = message.dateCreated.toISOString();
  const author = make('span', displayName(message.author), 'desk-message-author');
  author.className = 'author';
  const body = make('div', message.body, 'desk-message-body');
  body.className = 'body';
  item.append(author, time, body);
  if (open) for (const media of message.media) item.append(mediaItem(open.transport, media));
  return item;
}

function addMessage(message: ChatMessage): void {
  if (!open) return;
  open.lastIndex = Math.max(open.lastIndex, message.index);
  ui.messages.append(renderMessage(message));
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function showState(state: string): void {
  ui.state.textContent = state === 'closed' ? 'This conversation has ended.' : `State: ${state}`;
  for (const control of ui.form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('textarea, input, button')) {
    control.disabled = state === 'closed';
  }
}

async function joinConversation(conversation: DeskConversationView): Promise<void> {
  const name = ui.name.value.trim();
  if (name === '') {
    report('Enter your display name first.');
    ui.name.focus();
    return;
  }
  sessionStorage.setItem(NAME_KEY, name);
  await open?.transport.disconnect();
  open = undefined;
  try {
    const joined = await deskApi<DeskJoinView>(`conversations/${encodeURIComponent(conversation.sid)}/join`, { displayName: name });
    const transport = new EmulatorTransport({ ...joined, conversationSid: conversation.sid, transport: { kind: 'emulator', url: location.origin } });
    const chat: OpenChat = { sid: conversation.sid, identity: joined.identity, transport, participants: new Map(), typing: new Set(), lastIndex: -1 };
    const snapshot = await transport.connect();
    open = chat;
    for (const participant of snapshot.participants) chat.participants.set(participant.sid, participant);
    ui.chat.hidden = false;
    ui.title.textContent = conversation.friendlyName ?? conversation.sid;
    renderFacts(ui.preEngagement, preEngagement(snapshot.attributes));
    ui.messages.replaceChildren();
    snapshot.latest.messages.forEach(addMessage);
    renderParticipants();
    showState(snapshot.state);
    subscribe(chat);
    report('');
    await refreshList();
  } catch (error) {
    report(`Could not join: ${(error as Error).message}`);
  }
}

function subscribe(chat: OpenChat): void {
  const { transport } = chat;
  const upsert = (participant: ChatParticipant): void => {
    chat.participants.set(participant.sid, participant);
    renderParticipants();
  };
  transport.on('messageAdded', addMessage);
  transport.on('messageUpdated', (message) => ui.messages.querySelector(`[data-sid="${message.sid}"]`)?.replaceWith(renderMessage(message)));
  transport.on('messageRemoved', ({ sid }) => ui.messages.querySelector(`[data-sid="${sid}"]`)?.remove());
  transport.on('participantJoined', upsert);
  transport.on('participantUpdated', upsert);
  transport.on('participantLeft', (participant) => {
    chat.participants.delete(participant.sid);
    renderParticipants();
  });
  transport.on('typingStarted', (participant) => {
    chat.typing.add(participant.identity);
    renderParticipants();
  });
  transport.on('typingEnded', (participant) => {
    chat.typing.delete(participant.identity);
    renderParticipants();
  });
  transport.on('conversationStateChanged', showState);
  transport.on('connectionState', (state) => report(state === 'connected' ? '' : `Connection: ${state}`));
}

async function send(): Promise<void> {
  if (!open) return;
  const body = ui.composer.value.trim();
  const files = [...(ui.files.files ?? [])].map((file) => ({ name: file.name, contentType: file.type || 'application/octet-stream', data: file }));
  if (body === '' && files.length === 0) return;
  try {
    if (files.length > 0) await open.transport.sendMedia(files, body);
    else await open.transport.sendMessage(body);
    ui.composer.value = '';
    ui.files.value = '';
  } catch (error) {
    report(`Could not send: ${(error as Error).message}`);
  }
}

ui.name.value = sessionStorage.getItem(NAME_KEY) ?? ui.name.value;
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void send();
});
ui.composer.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    void send();
  }
});
ui.composer.addEventListener('input', () => open?.transport.typing());
ui.markRead.addEventListener('click', () => {
  if (open && open.lastIndex >= 0) open.transport.markRead(open.lastIndex).catch((error: Error) => report(`Could not mark read: ${error.message}`));
});
ui.end.addEventListener('click', () => {
  if (!open) return;
  deskApi(`conversations/${encodeURIComponent(open.sid)}/close`, {}).then(refreshList, (error: Error) => report(`Could not end: ${error.message}`));
});

void refreshList();
setInterval(() => void refreshList(), POLL_MS);
