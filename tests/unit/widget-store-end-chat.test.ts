/**
 * The chat store without any UI: the visitor ends the chat (`endChat()`), and the state says who
 * ended a chat, for the widget's view and its `chatEnded` event.
 */
import { describe, expect, test } from '@jest/globals';
import { ENDED_BY_VISITOR_ATTRIBUTES } from '../../contract/chat-events';
import { ApiError } from '../../widget-src/api/api-error';
import { listedMessages } from '../../widget-src/app/store/chat-events';
import { harness, startChat } from '../support/chat-store-harness';
import { AGENT, VISITOR, message, participant, session } from '../support/fake-chat-transport';

/** What the backend posts for the agent when the visitor ends the chat (functions/lib/end-chat.ts). */
const endNotice = (index: number) => message(index, 'Concierge', 'The customer ended the chat.', { attributes: { ...ENDED_BY_VISITOR_ATTRIBUTES } });

describe('chat store: ending the chat', () => {
  test('ends the chat through the backend with the session’s token, as ended by the visitor', async () => {
    const h = harness();
    await startChat(h);
    const { token, conversationSid } = h.sessions.saved ?? session();
    expect(await h.store.endChat()).toBe(true);
    expect(h.calls.end).toStrictEqual([{ token, conversationSid }]);
    const state = h.store.getState();
    expect([state.phase, state.endedBy, state.endStatus, state.conversationState]).toStrictEqual(['ended', 'visitor', null, 'closed']);
    expect(h.sessions.saved).toBe(null);
    expect(h.store.canSend()).toBe(false);
  });

  test('says the visitor ended it when the conversation’s closing arrives before the backend’s answer', async () => {
    const h = harness();
    const transport = await startChat(h);
    let answer: () => void = () => undefined;
    h.api.end = () => new Promise((resolve) => (answer = () => resolve({ state: 'closed' })));
    const ending = h.store.endChat();
    expect(h.store.getState().endStatus).toBe('ending');
    transport.emit('conversationStateChanged', 'closed');
    expect([h.store.getState().phase, h.store.getState().endedBy]).toStrictEqual(['ended', 'visitor']);
    answer();
    expect(await ending).toBe(true);
  });

  test('stays ended by the visitor when the conversation’s closing (or removal) arrives after the backend’s answer', async () => {
    const h = harness();
    const transport = await startChat(h);
    expect(await h.store.endChat()).toBe(true);
    // The end notice for the agent has not reached this tab yet: only the answer says who ended it.
    transport.emit('conversationStateChanged', 'closed');
    transport.emit('removed', undefined);
    const state = h.store.getState();
    expect([state.phase, state.endedBy, state.conversationState]).toStrictEqual(['ended', 'visitor', 'closed']);
  });

  test('keeps the chat usable and reports the failure when the backend cannot end it', async () => {
    const h = harness();
    await startChat(h);
    h.api.end = () => Promise.reject(new ApiError(0, 'NETWORK_ERROR', 'offline'));
    expect(await h.store.endChat()).toBe(false);
    const state = h.store.getState();
    expect([state.phase, state.endStatus, state.endedBy]).toStrictEqual(['chat', 'failed', null]);
    expect(h.store.canSend()).toBe(true);
    h.api.end = async () => ({ state: 'closed' });
    expect(await h.store.endChat()).toBe(true);
    expect(h.store.getState().endedBy).toBe('visitor');
  });

  test('does nothing before a chat is on', async () => {
    const h = harness();
    expect(await h.store.endChat()).toBe(false);
    expect(h.calls.end).toStrictEqual([]);
  });

  test('an agent’s end is the agent’s; a close after the visitor’s end notice (another tab) is the visitor’s', async () => {
    const byAgent = harness();
    (await startChat(byAgent)).emit('conversationStateChanged', 'closed');
    expect(byAgent.store.getState().endedBy).toBe('agent');

    const elsewhere = harness();
    const transport = await startChat(elsewhere);
    transport.emit('messageAdded', message(2, AGENT, 'The customer ended the chat.', { attributes: { ...ENDED_BY_VISITOR_ATTRIBUTES } }));
    transport.emit('conversationStateChanged', 'closed');
    expect(elsewhere.store.getState().endedBy).toBe('visitor');
  });

  test('the visitor’s end notice is kept for who-ended-it but is not listed, not unread and marks nothing', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', endNotice(2));
    const state = h.store.getState();
    expect([state.unreadCount, state.firstUnreadIndex]).toStrictEqual([0, null]);
    expect(transport.read).toStrictEqual([]);
    expect(state.messages.map((m) => m.index)).toStrictEqual([0, 1, 2]);
    // The Concierge welcome is a message to the visitor and stays listed; only the event goes.
    expect(listedMessages(state.messages).map((m) => m.body)).toStrictEqual(['I need help', 'Welcome Jane!']);
    transport.emit('conversationStateChanged', 'closed');
    expect(h.store.getState().endedBy).toBe('visitor');
  });

  test('an agent’s message after an unread end notice still counts, and is still listed', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', endNotice(2));
    transport.emit('messageAdded', message(3, AGENT, 'Bye!'));
    const state = h.store.getState();
    expect([state.unreadCount, state.firstUnreadIndex]).toStrictEqual([1, 3]);
    expect(listedMessages(state.messages).map((m) => m.body)).toStrictEqual(['I need help', 'Welcome Jane!', 'Bye!']);
  });

  test('reopening a chat that ended with the notice unseen counts nothing unread and says the visitor ended it', async () => {
    const h = harness({}, (t) => {
      t.snapshot = {
        ...t.snapshot,
        state: 'closed',
        participants: [participant(VISITOR, 'Jane', 1), participant(AGENT, 'Alex', 1)],
        latest: { messages: [message(0, VISITOR, 'q'), message(1, 'Concierge', 'w'), endNotice(2)], hasOlder: false },
      };
    });
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    const state = h.store.getState();
    expect([state.phase, state.endedBy, state.unreadCount, state.firstUnreadIndex]).toStrictEqual(['ended', 'visitor', 0, null]);
  });
});
