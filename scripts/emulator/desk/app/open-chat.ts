/**
 * The conversation on screen, drawn from the agent's SDK objects: messages in index order (older
 * pages placed before), media, participants and their names, typing, read horizons, the state.
 */
import type { Media, Message, Participant } from '@twilio/conversations';
import { refreshList } from './conversation-list';
import { isEndedByVisitor } from '../../../../contract/chat-events';
import { desk, type OpenChat } from './desk-state';
import { errorText, make, report, ui } from './page';

export function shownName(chat: OpenChat, identity: string): string {
  const name = chat.names.get(identity) ?? identity;
  return identity === desk.session?.identity ? `${name} (you)` : name;
}

/** Every change to the page about a chat checks that it is still the one on screen. */
export function renderParticipants(chat: OpenChat): void {
  if (desk.open !== chat) return;
  ui.participants.replaceChildren(
    ...[...chat.participants.values()].map((participant) => {
      const identity = participant.identity ?? participant.sid;
      const index = participant.lastReadMessageIndex;
      const item = make('li', `${shownName(chat, identity)}: ${index === null ? 'has not read yet' : `read up to #${index}`}`, 'desk-participant');
      item.dataset.identity = identity;
      item.dataset.lastRead = String(index ?? '');
      return item;
    }),
  );
  ui.typing.textContent = [...chat.typing].map((identity) => `${shownName(chat, identity)} is typing…`).join(' ');
}

/** Learns the participant's display name from its User, then shows it wherever the identity shows. */
export function learnName(chat: OpenChat, participant: Participant): void {
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

export function renameAuthors(chat: OpenChat, identity: string): void {
  if (desk.open !== chat) return;
  for (const item of chat.messages.values()) {
    const author = item.querySelector<HTMLElement>('.author');
    if (author?.dataset.identity === identity) author.textContent = shownName(chat, identity);
  }
}

export function openMedia(media: Media): void {
  media.getContentTemporaryUrl().then(
    (url) => {
      if (url !== null) window.open(url, '_blank', 'noopener');
    },
    (error: unknown) => report(`Could not open file: ${errorText(error)}`),
  );
}

export function mediaItem(media: Media): HTMLElement {
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

export function renderMessage(chat: OpenChat, message: Message): HTMLElement {
  const item = make('li', undefined, 'desk-message');
  item.dataset.sid = message.sid;
  item.dataset.index = String(message.index);
  const author = make('span', shownName(chat, message.author ?? ''), 'desk-message-author');
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
export function placeMessage(chat: OpenChat, message: Message): void {
  if (desk.open !== chat) return;
  if (isEndedByVisitor(message.attributes)) chat.endedByCustomer = true;
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
export function notice(chat: OpenChat, text: string): void {
  if (desk.open !== chat) return;
  const item = make('li', text, 'desk-notice');
  item.className = 'notice';
  ui.messages.append(item);
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function endedBy(chat: OpenChat): string {
  if (chat.endRequested) return 'You ended it.';
  return chat.endedByCustomer ? 'Ended by the customer.' : 'Ended by the agent, elsewhere (not from this desk).';
}

export function showState(chat: OpenChat): void {
  if (desk.open !== chat) return;
  const state = chat.conversation.state?.current ?? 'active';
  const closed = state === 'closed';
  ui.state.textContent = closed
    ? `This conversation has ended. ${endedBy(chat)}`
    : `State: ${state}`;
  setComposerDisabled(closed);
}

export function setComposerDisabled(disabled: boolean): void {
  for (const control of ui.form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('textarea, input, button')) {
    control.disabled = disabled;
  }
}

export function listenToConversation(chat: OpenChat): void {
  const { conversation } = chat;
  conversation.on('messageAdded', (message: Message) => placeMessage(chat, message));
  conversation.on('messageUpdated', ({ message }: { message: Message }) => placeMessage(chat, message));
  conversation.on('messageRemoved', (message: Message) => {
    if (desk.open !== chat) return;
    chat.messages.get(message.index)?.remove();
    chat.messages.delete(message.index);
  });
  conversation.on('participantJoined', (participant: Participant) => {
    const known = chat.participants.has(participant.sid);
    chat.participants.set(participant.sid, participant);
    learnName(chat, participant);
    renderParticipants(chat);
    if (chat.rosterLoaded && !known) notice(chat, `${shownName(chat, participant.identity ?? participant.sid)} joined the conversation.`);
  });
  conversation.on('participantUpdated', ({ participant }: { participant: Participant }) => {
    chat.participants.set(participant.sid, participant);
    renderParticipants(chat);
  });
  conversation.on('participantLeft', (participant: Participant) => {
    chat.participants.delete(participant.sid);
    chat.typing.delete(participant.identity ?? '');
    renderParticipants(chat);
    notice(chat, `${shownName(chat, participant.identity ?? participant.sid)} left the conversation.`);
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
