/**
 * What a chat tells the host page (app/page-events.ts), driven through the real store with a fake
 * transport: chatStarted once per conversation, messageReceived for others' new messages only (not
 * the history, not the visitor's own, not the visitor's own end notice), chatEnded with who ended it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ENDED_BY_VISITOR_ATTRIBUTES } from '../../contract/chat-events';
import { watchPageEvents } from '../../widget-src/app/page-events';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import { harness, startChat, type Harness } from '../support/chat-store-harness';
import { AGENT, VISITOR, message, participant } from '../support/fake-chat-transport';

type Told = Array<[string, unknown]>;

// The tab's attention listens to the page; a visible page with no title is all it needs here.
const page = { addEventListener: () => undefined, removeEventListener: () => undefined };
beforeAll(() => {
  Object.assign(globalThis, { document: { ...page, visibilityState: 'visible', title: '' }, window: page });
});
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'document');
  Reflect.deleteProperty(globalThis, 'window');
});

function watch(h: Harness): { told: Told; stop: () => void } {
  const told: Told = [];
  const stop = watchPageEvents(h.store, resolveAppConfig({}), (event, detail) => told.push([event, detail]), () => h.sessions.saved?.conversationSid, false);
  return { told, stop };
}

describe('the page’s events of a chat', () => {
  test('a started chat is told once; the agent’s new messages are told by displayed name, the visitor’s are not', async () => {
    const h = harness();
    const { told, stop } = watch(h);
    const transport = await startChat(h);
    transport.emit('participantJoined', participant(AGENT, 'Alex'));
    transport.emit('messageAdded', message(2, AGENT, 'Hello, I am Alex'));
    transport.emit('messageAdded', message(3, VISITOR, 'Thanks'));
    expect(told).toStrictEqual([
      ['chatStarted', { conversationSid: h.sessions.saved?.conversationSid }],
      ['messageReceived', { author: 'Alex', body: 'Hello, I am Alex' }],
    ]);
    stop();
    transport.emit('messageAdded', message(4, AGENT, 'After stop'));
    expect(told).toHaveLength(2);
  });

  test('the visitor ending the chat is chatEnded by the visitor, and its end notice is no message received', async () => {
    const h = harness();
    const { told } = watch(h);
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, 'Concierge', 'The customer ended the chat.', { attributes: { ...ENDED_BY_VISITOR_ATTRIBUTES } }));
    expect(await h.store.endChat()).toBe(true);
    expect(told.map(([event]) => event)).toStrictEqual(['chatStarted', 'chatEnded']);
    expect(told[1]).toStrictEqual(['chatEnded', { by: 'visitor' }]);
  });

  test('the agent closing the conversation is chatEnded by the agent', async () => {
    const h = harness();
    const { told } = watch(h);
    const transport = await startChat(h);
    transport.emit('conversationStateChanged', 'closed');
    expect(told.at(-1)).toStrictEqual(['chatEnded', { by: 'agent' }]);
  });

  test('made after the chat is on (the chunk arrived late), it tells the chat and only messages after it', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Before the chunk'));
    const { told } = watch(h);
    transport.emit('messageAdded', message(3, AGENT, 'After the chunk'));
    expect(told.map(([event, detail]) => [event, event === 'messageReceived' ? (detail as { body: string }).body : null])).toStrictEqual([
      ['chatStarted', null],
      ['messageReceived', 'After the chunk'],
    ]);
  });
});
