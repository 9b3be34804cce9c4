/**
 * The agent desk in the browser: a person plays the Flex agent with the real
 * @twilio/conversations SDK, connected to the emulator's twilsock endpoint with a token from the
 * desk API (desk/desk-api.ts), as a Flex agent's browser would be. The conversation list comes from that
 * API (polled); everything inside a conversation goes through the SDK. The Connection section
 * drives the emulator's realtime fault controls so a person can watch the SDK reconnect.
 * All user-supplied text goes through textContent: names, messages, file names and
 * pre-engagement data from visitors are untrusted.
 * This entry joins and renews the agent; the page is drawn by page.ts, conversation-list.ts,
 * open-chat.ts and connection-panel.ts around the shared state of desk-state.ts.
 */
import { Client, type ConnectionState, type Conversation } from '@twilio/conversations';
import { wireConnectionPanel } from './connection-panel';
import { refreshList, startConversationList } from './conversation-list';
import { desk, type AgentSession, type OpenChat } from './desk-state';
import type { DeskConversationView, DeskJoinView, DeskTokenView } from '../desk-types';
import { startOutboxPanel } from './outbox-panel';
import { learnName, listenToConversation, notice, placeMessage, renderParticipants, setComposerDisabled, showState } from './open-chat';
import { deskApi, errorText, logConnection, preEngagement, renderFacts, report, ui } from './page';

const PAGE_SIZE = 30;
const NAME_KEY = 'emulator-desk-display-name';

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
    if (desk.session !== agent) return;
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
  const current = (): boolean => desk.session === agent;
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
    if (!current() || desk.open?.sid !== conversation.sid) return;
    notice(desk.open, 'You are no longer a participant of this conversation.');
    setComposerDisabled(true);
  });
}

/**
 * Lets go of the previous join. Its shutdown is not waited for: the SDK's shutdown waits for a
 * start-up that may be retrying for a long time (a fault), and its events are ignored from now on.
 */
function leave(): void {
  const previous = desk.session;
  desk.session = undefined;
  desk.open = undefined;
  ui.chat.hidden = true;
  showConnectionState('not connected');
  previous?.client.shutdown().catch((error: unknown) => logConnection(`shutting the previous client down failed: ${errorText(error)}`));
}

async function loadOlder(): Promise<void> {
  const chat = desk.open;
  if (!chat?.oldest?.hasPrevPage) return;
  ui.older.disabled = true;
  try {
    const page = await chat.oldest.prevPage();
    if (desk.open !== chat) return;
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
    desk.session = agent;
    showConnectionState(agent.client.connectionState);
    listenToClient(agent);
    await initialized(agent.client);
    // The SDK fetches the agent's conversations after start-up and, should the socket drop
    // during that fetch, fails it with an unhandled rejection: let it finish first.
    await agent.client.getSubscribedConversations();
    const conversation = await agent.client.getConversationBySid(view.sid);
    if (desk.session !== agent) return;
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
      endedByCustomer: false,
    };
    desk.open = chat;
    ui.chat.hidden = false;
    ui.title.textContent = conversation.friendlyName ?? view.friendlyName ?? view.sid;
    renderFacts(ui.preEngagement, preEngagement(conversation.attributes));
    ui.messages.replaceChildren();
    // Events that arrive while the pages load are placed by index like the pages themselves.
    listenToConversation(chat);
    const [participants, page] = await Promise.all([conversation.getParticipants(), conversation.getMessages(PAGE_SIZE)]);
    if (desk.open !== chat) return;
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
  const chat = desk.open;
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
  const chat = desk.open;
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
  desk.open?.conversation.typing().catch((error: unknown) => report(`Could not send typing: ${errorText(error)}`));
});
ui.markRead.addEventListener('click', () => {
  desk.open?.conversation.setAllMessagesRead().catch((error: unknown) => report(`Could not mark read: ${errorText(error)}`));
});
ui.end.addEventListener('click', endConversation);
ui.older.addEventListener('click', () => void loadOlder());
wireConnectionPanel();
startConversationList((conversation) => void joinConversation(conversation));
startOutboxPanel();
