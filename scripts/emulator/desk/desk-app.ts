/**
 * The agent desk in the browser: a person plays the Flex agent with the real
 * @twilio/conversations SDK, connected to the emulator's twilsock endpoint with a token from the
 * desk API (desk.ts), as a Flex agent's browser would be. The conversation list comes from that
 * API (polled); everything inside a conversation goes through the SDK. The Connection section
 * drives the emulator's realtime fault controls so a person can watch the SDK reconnect.
 * All user-supplied text goes through textContent: names, messages, file names and
 * pre-engagement data from visitors are untrusted.
 */
import { Client, type Conversation, type ConnectionState, type JSONValue, type Media, type Message, type Paginator, type Participant } from '@twilio/conversations';
import type { DeskConversationView, DeskJoinView, DeskTokenView } from './desk-types';

const POLL_MS = 2000;
const PAGE_SIZE = 30;
const NAME_KEY = 'emulator-desk-display-name';
/** Connection events kept on screen. */
const LOG_LIMIT = 50;
/** The refusals offered in the Connection section, as the emulator's realtime faults take them. */
const REFUSALS: Record<string, { status: number; code: number; message: string }> = {
  '503': { status: 503, code: 20503, message: 'Service unavailable (injected at the desk)' },
  '401': { status: 401, code: 20101, message: 'Access token invalid (injected at the desk)' },
};

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
  connectionState: element('desk-connection-state'),
  drop: element('desk-drop'),
  expire: element('desk-expire'),
  faults: element<HTMLFormElement>('desk-faults-form'),
  refuseInit: element<HTMLSelectElement>('desk-refuse-init'),
  refuseTimes: element<HTMLInputElement>('desk-refuse-times'),
  initDelay: element<HTMLInputElement>('desk-init-delay'),
  frameDelay: element<HTMLInputElement>('desk-frame-delay'),
  clearFaults: element('desk-faults-clear'),
  connectionLog: element('desk-connection-log'),
  chat: element('desk-chat'),
  title: element('desk-chat-title'),
  state: element('desk-chat-state'),
  preEngagement: element('desk-pre-engagement'),
  participants: element('desk-participants'),
  older: element<HTMLButtonElement>('desk-older'),
  messages: element('desk-messages'),
  typing: element('desk-typing'),
  form: element<HTMLFormElement>('desk-composer-form'),
  composer: element<HTMLTextAreaElement>('desk-composer'),
  file: element<HTMLInputElement>('desk-file'),
  markRead: element('desk-mark-read'),
  end: element('desk-end'),
  status: element('desk-status'),
};

/** The agent's SDK client for one join; replaced (and shut down) by the next join. */
interface AgentSession {
  client: Client;
  identity: string;
  /** What the agent joined as: token renewals ask for this agent's token. */
  displayName: string;
}

/** The conversation on screen, once the SDK has opened it. */
interface OpenChat {
  sid: string;
  conversation: Conversation;
  /** Display names of the participants' users by identity. */
  names: Map<string, string>;
  participants: Map<string, Participant>;
  typing: Set<string>;
  /** Rendered messages by index, to place late and older ones in order and update them. */
  messages: Map<number, HTMLElement>;
  /** The oldest page loaded, whose `prevPage()` loads older messages. */
  oldest: Paginator<Message> | undefined;
  /** Joins and departures are announced only once the roster has loaded. */
  rosterLoaded: boolean;
  /** This desk asked to end the conversation (to say who ended it). */
  endRequested: boolean;
}

let session: AgentSession | undefined;
let open: OpenChat | undefined;

function report(message: string): void {
  ui.status.textContent = message;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function logConnection(event: string): void {
  const item = make('li', undefined, 'desk-connection-event');
  const time = make('time', new Date().toLocaleTimeString());
  time.dateTime = new Date().toISOString();
  item.append(time, ` ${event}`);
  ui.connectionLog.prepend(item);
  while (ui.connectionLog.childElementCount > LOG_LIMIT) ui.connectionLog.lastElementChild?.remove();
}

async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => ({}))) as { message?: string; error?: string };
    throw new Error(error.message ?? error.error ?? `${path} answered ${response.status}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const deskApi = <T>(path: string, body?: unknown): Promise<T> => call<T>(body === undefined ? 'GET' : 'POST', `/desk/api/${path}`, body);

function preEngagement(attributes: JSONValue | Record<string, unknown>): [string, string][] {
  const data = typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes) ? attributes.pre_engagement_data : undefined;
  if (typeof data !== 'object' || data === null) return data === undefined ? [] : [['data', String(data)]];
  return Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}

function renderFacts(target: HTMLElement, facts: [string, string][]): void {
  target.replaceChildren(...facts.flatMap(([key, value]) => [make('dt', key), make('dd', value)]));
}

// ---- the conversation list (desk API) ----

function renderList(conversations: DeskConversationView[]): void {
  ui.empty.hidden = conversations.length > 0;
  ui.list.replaceChildren(
    ...conversations.map((conversation) => {
      const title = conversation.friendlyName ?? conversation.sid;
      const current = open?.sid === conversation.sid;
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
    report(`Could not load conversations: ${errorText(error)}`);
  }
}

// ---- the open conversation (SDK) ----

function displayName(chat: OpenChat, identity: string): string {
  const name = chat.names.get(identity) ?? identity;
  return identity === session?.identity ? `${name} (you)` : name;
}

/** Every change to the page about a chat checks that it is still the one on screen. */
function renderParticipants(chat: OpenChat): void {
  if (open !== chat) return;
  ui.participants.replaceChildren(
    ...[...chat.participants.values()].map((participant) => {
      const identity = participant.identity ?? participant.sid;
      const index = participant.lastReadMessageIndex;
      const item = make('li', `${displayName(chat, identity)}: ${index === null ? 'has not read yet' : `read up to #${index}`}`, 'desk-participant');
      item.dataset.identity = identity;
      item.dataset.lastRead = String(index ?? '');
      return item;
    }),
  );
  ui.typing.textContent = [...chat.typing].map((identity) => `${displayName(chat, identity)} is typing…`).join(' ');
}

/** Learns the participant's display name from its User, then shows it wherever the identity shows. */
function learnName(chat: OpenChat, participant: Participant): void {
  participant.getUser().then(
    (user) => {
      if (user.friendlyName === null || user.friendlyName === '') return;
      chat.names.set(user.identity, user.friendlyName);
      renameAuthors(chat, user.identity);
      renderParticipants(chat);
    },
    () => undefined, // no User: the identity stays on screen
  );
}

function renameAuthors(chat: OpenChat, identity: string): void {
  if (open !== chat) return;
  for (const item of chat.messages.values()) {
    const author = item.querySelector<HTMLElement>('.author');
    if (author?.dataset.identity === identity) author.textContent = displayName(chat, identity);
  }
}

function openMedia(media: Media): void {
  media.getContentTemporaryUrl().then(
    (url) => {
      if (url !== null) window.open(url, '_blank', 'noopener');
    },
    (error: unknown) => report(`Could not open file: ${errorText(error)}`),
  );
}

function mediaItem(media: Media): HTMLElement {
  const wrapper = make('div');
  const name = media.filename ?? 'file';
  const size = media.size < 1024 ? `${media.size} B` : `${Math.ceil(media.size / 1024)} KB`;
  const button = make('button', `${name} (${size})`, 'desk-media');
  button.type = 'button';
  button.addEventListener('click', () => openMedia(media));
  wrapper.append(button);
  if (media.contentType.startsWith('image/') && media.contentType !== 'image/svg+xml') {
    const image = make('img');
    image.alt = name;
    media.getContentTemporaryUrl().then(
      (url) => (url === null ? image.remove() : (image.src = url)),
      () => image.remove(),
    );
    wrapper.append(image);
  }
  return wrapper;
}

function renderMessage(chat: OpenChat, message: Message): HTMLElement {
  const item = make('li', undefined, 'desk-message');
  item.dataset.sid = message.sid;
  item.dataset.index = String(message.index);
  const author = make('span', displayName(chat, message.author ?? ''), 'desk-message-author');
  author.className = 'author';
  author.dataset.identity = message.author ?? '';
  item.append(author);
  if (message.dateCreated !== null) {
    const time = make('time', message.dateCreated.toLocaleTimeString());
    time.dateTime = message.dateCreated.toISOString();
    item.append(time);
  }
  const body = make('div', message.body ?? '', 'desk-message-body');
  body.className = 'body';
  item.append(body);
  for (const media of message.attachedMedia ?? []) item.append(mediaItem(media));
  return item;
}

/** Shows a message in index order, replacing the element of the same index if it is on screen. */
function placeMessage(chat: OpenChat, message: Message): void {
  if (open !== chat) return;
  const item = renderMessage(chat, message);
  const existing = chat.messages.get(message.index);
  chat.messages.set(message.index, item);
  if (existing) {
    existing.replaceWith(item);
    return;
  }
  const after = [...chat.messages.entries()].filter(([index]) => index > message.index).sort(([a], [b]) => a - b)[0];
  if (after) after[1].before(item);
  else {
    ui.messages.append(item);
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }
}

/** A line in the message list about the conversation itself (joins, departures, its end). */
function notice(chat: OpenChat, text: string): void {
  if (open !== chat) return;
  const item = make('li', text, 'desk-notice');
  item.className = 'notice';
  ui.messages.append(item);
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function showState(chat: OpenChat): void {
  if (open !== chat) return;
  const state = chat.conversation.state?.current ?? 'active';
  const closed = state === 'closed';
  ui.state.textContent = closed
    ? `This conversation has ended. ${chat.endRequested ? 'You ended it.' : 'It was ended elsewhere (not from this desk).'}`
    : `State: ${state}`;
  setComposerDisabled(closed);
}

function setComposerDisabled(disabled: boolean): void {
  for (const control of ui.form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('textarea, input, button')) {
    control.disabled = disabled;
  }
}

function listenToConversation(chat: OpenChat): void {
  const { conversation } = chat;
  conversation.on('messageAdded', (message: Message) => placeMessage(chat, message));
  conversation.on('messageUpdated', ({ message }: { message: Message }) => placeMessage(chat, message));
  conversation.on('messageRemoved', (message: Message) => {
    if (open !== chat) return;
    chat.messages.get(message.index)?.remove();
    chat.messages.delete(message.index);
  });
  conversation.on('participantJoined', (participant: Participant) => {
    const known = chat.participants.has(participant.sid);
    chat.participants.set(participant.sid, participant);
    learnName(chat, participant);
    renderParticipants(chat);
    if (chat.rosterLoaded && !known) notice(chat, `${displayName(chat, participant.identity ?? participant.sid)} joined the conversation.`);
  });
  conversation.on('participantUpdated', ({ participant }: { participant: Participant }) => {
    chat.participants.set(participant.sid, participant);
    renderParticipants(chat);
  });
  conversation.on('participantLeft', (participant: Participant) => {
    chat.participants.delete(participant.sid);
    chat.typing.delete(participant.identity ?? '');
    renderParticipants(chat);
    notice(chat, `${displayName(chat, participant.identity ?? participant.sid)} left the conversation.`);
  });
  conversation.on('typingStarted', (participant: Participant) => {
    chat.typing.add(participant.identity ?? participant.sid);
    renderParticipants(chat);
  });
  conversation.on('typingEnded', (participant: Participant) => {
    chat.typing.delete(participant.identity ?? participant.sid);
    renderParticipants(chat);
  });
  conversation.on('updated', ({ updateReasons }: { updateReasons: string[] }) => {
    if (!updateReasons.includes('state')) return;
    showState(chat);
    if (chat.conversation.state?.current === 'closed') {
      notice(chat, 'The conversation has ended.');
      void refreshList();
    }
  });
}

/** Resolves once the client has started; a non-terminal failure means the SDK is still retrying. */
function initialized(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('initialized', resolve);
    client.on('initFailed', ({ error }) => {
      if (error?.terminal !== false) reject(new Error(error?.message ?? 'the Conversations SDK could not start'));
    });
  });
}

/** The SDK takes a new token after an expiry only once its old socket is closed. */
function untilDisconnected(client: Client): Promise<void> {
  if (client.connectionState !== 'disconnecting') return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (state: ConnectionState): void => {
      if (state === 'disconnecting') return;
      client.off('connectionStateChanged', listener);
      resolve();
    };
    client.on('connectionStateChanged', listener);
  });
}

async function renewToken(agent: AgentSession, why: string): Promise<void> {
  logConnection(`${why}: renewing the token`);
  try {
    const { token } = await deskApi<DeskTokenView>('token', { displayName: agent.displayName });
    await untilDisconnected(agent.client);
    if (session !== agent) return;
    await agent.client.updateToken(token);
    logConnection('token renewed');
  } catch (error) {
    logConnection(`token renewal failed: ${errorText(error)}`);
  }
}

function showConnectionState(state: ConnectionState | 'not connected'): void {
  ui.connectionState.textContent = state;
  ui.connectionState.dataset.state = state;
}

function listenToClient(agent: AgentSession): void {
  const { client } = agent;
  const current = (): boolean => session === agent;
  client.on('connectionStateChanged', (state) => {
    if (!current()) return;
    showConnectionState(state);
    logConnection(state === 'denied' ? 'denied: the SDK stopped trying (join again to start over)' : state);
  });
  client.on('connectionError', (error) => {
    if (current()) logConnection(`connection error${error.terminal ? ' (terminal)' : ''}: ${error.message}`);
  });
  client.on('tokenAboutToExpire', () => {
    if (current()) void renewToken(agent, 'token about to expire');
  });
  client.on('tokenExpired', () => {
    if (current()) void renewToken(agent, 'token expired');
  });
  client.on('conversationLeft', (conversation: Conversation) => {
    if (!current() || open?.sid !== conversation.sid) return;
    notice(open, 'You are no longer a participant of this conversation.');
    setComposerDisabled(true);
  });
}

/**
 * Lets go of the previous join. Its shutdown is not waited for: the SDK's shutdown waits for a
 * start-up that may be retrying for a long time (a fault), and its events are ignored from now on.
 */
function leave(): void {
  const previous = session;
  session = undefined;
  open = undefined;
  ui.chat.hidden = true;
  showConnectionState('not connected');
  previous?.client.shutdown().catch((error: unknown) => logConnection(`shutting the previous client down failed: ${errorText(error)}`));
}

async function loadOlder(): Promise<void> {
  const chat = open;
  if (!chat?.oldest?.hasPrevPage) return;
  ui.older.disabled = true;
  try {
    const page = await chat.oldest.prevPage();
    if (open !== chat) return;
    chat.oldest = page;
    page.items.forEach((message) => placeMessage(chat, message));
    ui.older.hidden = !page.hasPrevPage;
  } catch (error) {
    report(`Could not load older messages: ${errorText(error)}`);
  } finally {
    ui.older.disabled = false;
  }
}

async function joinConversation(view: DeskConversationView): Promise<void> {
  const name = ui.name.value.trim();
  if (name === '') {
    report('Enter your display name first.');
    ui.name.focus();
    return;
  }
  sessionStorage.setItem(NAME_KEY, name);
  leave();
  try {
    const joined = await deskApi<DeskJoinView>(`conversations/${encodeURIComponent(view.sid)}/join`, { displayName: name });
    const agent: AgentSession = { client: new Client(joined.token, { Twilsock: { uri: joined.websocketUri } }), identity: joined.identity, displayName: name };
    session = agent;
    showConnectionState(agent.client.connectionState);
    listenToClient(agent);
    await initialized(agent.client);
    // The SDK fetches the agent's conversations after start-up and, should the socket drop
    // during that fetch, fails it with an unhandled rejection: let it finish first.
    await agent.client.getSubscribedConversations();
    const conversation = await agent.client.getConversationBySid(view.sid);
    if (session !== agent) return;
    const chat: OpenChat = {
      sid: view.sid,
      conversation,
      names: new Map([[joined.identity, name]]),
      participants: new Map(),
      typing: new Set(),
      messages: new Map(),
      oldest: undefined,
      rosterLoaded: false,
      endRequested: false,
    };
    open = chat;
    ui.chat.hidden = false;
    ui.title.textContent = conversation.friendlyName ?? view.friendlyName ?? view.sid;
    renderFacts(ui.preEngagement, preEngagement(conversation.attributes));
    ui.messages.replaceChildren();
    // Events that arrive while the pages load are placed by index like the pages themselves.
    listenToConversation(chat);
    const [participants, page] = await Promise.all([conversation.getParticipants(), conversation.getMessages(PAGE_SIZE)]);
    if (open !== chat) return;
    for (const participant of participants) {
      chat.participants.set(participant.sid, participant);
      learnName(chat, participant);
    }
    chat.rosterLoaded = true;
    chat.oldest = page;
    page.items.forEach((message) => placeMessage(chat, message));
    ui.older.hidden = !page.hasPrevPage;
    renderParticipants(chat);
    showState(chat);
    report('');
    await refreshList();
  } catch (error) {
    report(`Could not join: ${errorText(error)}`);
  }
}

async function send(): Promise<void> {
  const chat = open;
  if (!chat) return;
  const body = ui.composer.value.trim();
  const file = ui.file.files?.[0];
  if (body === '' && file === undefined) return;
  try {
    if (file === undefined) await chat.conversation.sendMessage(body);
    else {
      const builder = chat.conversation.prepareMessage();
      if (body !== '') builder.setBody(body);
      await builder.addMedia({ contentType: file.type || 'application/octet-stream', filename: file.name, media: file }).buildAndSend();
    }
    ui.composer.value = '';
    ui.file.value = '';
  } catch (error) {
    report(`Could not send: ${errorText(error)}`);
  }
}

function endConversation(): void {
  const chat = open;
  if (!chat) return;
  chat.endRequested = true;
  deskApi(`conversations/${encodeURIComponent(chat.sid)}/close`, {}).then(
    () => showState(chat),
    (error: unknown) => {
      chat.endRequested = false;
      report(`Could not end: ${errorText(error)}`);
    },
  );
}

// ---- the Connection section: the emulator's realtime fault controls ----

function control(method: 'POST' | 'DELETE', path: string, done: (answer: Record<string, unknown>) => string): void {
  call<Record<string, unknown>>(method, `/__emulator/realtime/${path}`).then(
    (answer) => logConnection(done(answer)),
    (error: unknown) => logConnection(`${path} failed: ${errorText(error)}`),
  );
}

function applyFaults(): void {
  const refusal = REFUSALS[ui.refuseInit.value];
  const spec = {
    initDelayMs: ui.initDelay.valueAsNumber || 0,
    frameDelayMs: ui.frameDelay.valueAsNumber || 0,
    ...(refusal === undefined ? {} : { refuseInit: { ...refusal, times: ui.refuseTimes.valueAsNumber || 1 } }),
  };
  const described = [
    refusal === undefined ? '' : `refuse start-up with ${refusal.status} ${spec.refuseInit?.times ?? 1}×`,
    spec.initDelayMs > 0 ? `start-up delay ${spec.initDelayMs} ms` : '',
    spec.frameDelayMs > 0 ? `${spec.frameDelayMs} ms per frame` : '',
  ].filter((part) => part !== '');
  // The form states every fault: clear the previous ones rather than adding to them.
  call('DELETE', '/__emulator/realtime/faults')
    .then(() => call('POST', '/__emulator/realtime/faults', spec))
    .then(
      () => logConnection(`faults: ${described.length === 0 ? 'none' : described.join(', ')}`),
      (error: unknown) => logConnection(`faults failed: ${errorText(error)}`),
    );
}

// ---- wiring ----

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
ui.composer.addEventListener('input', () => {
  open?.conversation.typing().catch((error: unknown) => report(`Could not send typing: ${errorText(error)}`));
});
ui.markRead.addEventListener('click', () => {
  open?.conversation.setAllMessagesRead().catch((error: unknown) => report(`Could not mark read: ${errorText(error)}`));
});
ui.end.addEventListener('click', endConversation);
ui.older.addEventListener('click', () => void loadOlder());
ui.drop.addEventListener('click', () => control('POST', 'drop', (answer) => `dropped ${String(answer.dropped)} connection(s)`));
ui.expire.addEventListener('click', () => control('POST', 'expire', (answer) => `expired ${String(answer.expired)} connection(s)`));
ui.faults.addEventListener('submit', (event) => {
  event.preventDefault();
  applyFaults();
});
ui.clearFaults.addEventListener('click', () => {
  ui.faults.reset();
  control('DELETE', 'faults', () => 'faults: none');
});

void refreshList();
setInterval(() => void refreshList(), POLL_MS);
