/**
 * ConversationsTransport tells every new message once, whatever the SDK's cache did: the SDK keeps
 * what a query fetched and drops the "message added" events of those messages, so the transport
 * tells the new messages it reads itself, and reads what is new after every reconnect. Against the
 * fakes of tests/support/fake-conversations-sdk.ts; the real SDK's behaviour is replayed in Chromium
 * by tests/e2e/widget-reconnect.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import type { ChatMessage } from '../../widget-src/transport/chat-transport';
import { connected, fakeMessage, setup, tick } from '../support/fake-conversations-sdk';

const conversation = (count: number) => Array.from({ length: count }, (_, index) => fakeMessage(index, index % 2 === 0 ? 'v1' : 'agent-1', `message ${index}`));
const added = (t: ReturnType<typeof setup>) => t.events.filter((e) => e.event === 'messageAdded').map((e) => (e.payload as ChatMessage).index);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('new messages, whatever the SDK cached', () => {
  test('messages read after an index are told once, oldest first; the SDK’s own events for them add nothing', async () => {
    const t = setup();
    t.conversation.history = conversation(2);
    await connected(t);
    t.conversation.history = conversation(120);
    const read = await t.transport.messagesAfter(1);
    t.conversation.fire('messageAdded', fakeMessage(119, 'agent-1', 'message 119'));
    t.conversation.fire('messageAdded', fakeMessage(120, 'agent-1', 'message 120'));
    expect(read.map((m) => m.index)).toStrictEqual(range(0, 119));
    expect(added(t)).toStrictEqual(range(2, 120));
    // Older pages are history: the visitor sees them by paging, never as new.
    await t.transport.getMessagesBefore(1, 50);
    expect(added(t)).toStrictEqual(range(2, 120));
  });

  test('after a reconnect, reads back to the last message told and tells the ones the SDK never announced, oldest first', async () => {
    const t = setup();
    t.conversation.history = conversation(2);
    await connected(t);
    t.conversation.fire('messageAdded', fakeMessage(2, 'agent-1', 'message 2'));
    t.client.fire('connectionStateChanged', 'connecting');
    t.conversation.history = conversation(80);
    t.client.fire('connectionStateChanged', 'connected');
    await tick();
    expect(added(t)).toStrictEqual(range(2, 79));
    // Two pages of 50 reach back to message 2, the last one told; nothing older was read.
    expect(t.conversation.pageCalls.slice(1).map(([size, anchor]) => [size, anchor])).toStrictEqual([
      [50, Number.MAX_SAFE_INTEGER - 1],
      [50, 29],
    ]);
  });
});
