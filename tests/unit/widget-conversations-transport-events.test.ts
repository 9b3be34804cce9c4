/**
 * ConversationsTransport against fakes of the Conversations SDK (tests/support/fake-conversations-sdk.ts):
 * connecting, and the events it maps from the SDK.
 * The same transport runs against the real SDK and the emulator in
 * tests/integration/conversations-transport.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { FakeMedia, FakeParticipant, connected, fakeMessage, setup, tick } from '../support/fake-conversations-sdk';

describe('ConversationsTransport', () => {
  test('connects with the session token once the client is initialised and returns the snapshot', async () => {
    const t = setup([
      new FakeParticipant('MB1', 'v1', 'Jane'),
      new FakeParticipant('MB2', 'agent-1', 'Ignored', { friendlyName: 'Alex from attributes' }),
      new FakeParticipant('MB3', 'sms-1', new Error('no user')),
    ]);
    const snapshot = await connected(t);
    expect(t.tokens).toStrictEqual(['token-1']);
    expect(snapshot.state).toBe('active');
    expect(snapshot.participants.map((p) => [p.identity, p.friendlyName])).toStrictEqual([
      ['v1', 'Jane'],
      ['agent-1', 'Alex from attributes'],
      ['sms-1', null],
    ]);
    expect(snapshot.latest.messages.map((m) => [m.index, m.body])).toStrictEqual([[0, 'Hi'], [1, 'Welcome']]);
    expect(snapshot.latest.hasOlder).toBe(true);
    expect(snapshot.attributes).toStrictEqual({ pre_engagement_data: { friendlyName: 'Jane' } });
  });

  test('waits while the client retries, and rejects on a terminal connection error', async () => {
    const t = setup();
    const promise = t.transport.connect();
    let settled = false;
    promise.then(() => (settled = true), () => (settled = true));
    await tick();
    t.client.fire('initFailed', { error: { terminal: true, message: 'Twilsock has disconnected.' } });
    t.client.fire('connectionError', { terminal: false, message: 'retrying' });
    await tick();
    expect(settled).toBe(false);
    t.client.fire('connectionError', { terminal: true, message: 'unsupported protocol' });
    await expect(promise).rejects.toThrow(/unsupported protocol/);
  });

  test('maps SDK events to transport events', async () => {
    const t = setup();
    await connected(t);
    t.client.fire('connectionStateChanged', 'connected');
    t.client.fire('connectionStateChanged', 'disconnecting');
    t.client.fire('tokenAboutToExpire');
    const media = new FakeMedia('ME1', 'photo.png', 'image/png', 2048, 'https://mcs.example/ME1');
    t.conversation.fire('messageAdded', fakeMessage(5, 'agent-1', null, [media]));
    t.conversation.fire('typingStarted', new FakeParticipant('MB2', 'agent-1', 'Alex Agent'));
    // Typing waits behind that participant's earlier events (here none) to keep their order.
    await tick();
    t.conversation.fire('updated', { conversation: { state: { current: 'closed', dateUpdated: new Date() } }, updateReasons: ['state'] });
    t.conversation.fire('updated', { conversation: { state: undefined }, updateReasons: ['attributes'] });
    const seen = t.events.map((e) => e.event);
    expect(seen).toStrictEqual(['connectionState', 'connectionState', 'tokenAboutToExpire', 'messageAdded', 'typingStarted', 'conversationStateChanged']);
    expect(t.events.slice(0, 2).map((e) => e.payload)).toStrictEqual(['connected', 'reconnecting']);
    expect(t.events[3]?.payload).toStrictEqual({
      sid: 'IM5',
      index: 5,
      author: 'agent-1',
      body: '',
      dateCreated: new Date(Date.UTC(2026, 10, 25, 9, 5)),
      media: [{ sid: 'ME1', filename: 'photo.png', contentType: 'image/png', size: 2048 }],
      attributes: {},
    });
    expect((t.events[4]?.payload as { friendlyName: string }).friendlyName).toBe('Alex Agent');
    expect(t.events[5]?.payload).toBe('closed');
  });

  test('resolves a joining participant’s name before announcing them, and again on every update', async () => {
    const t = setup();
    await connected(t);
    const joining = new FakeParticipant('MB9', 'agent-2', 'Sam');
    t.conversation.fire('participantJoined', joining);
    await tick();
    t.conversation.fire('participantUpdated', { participant: joining, updateReasons: ['lastReadMessageIndex'] });
    await tick();
    expect(t.events.map((e) => [e.event, (e.payload as { friendlyName: string }).friendlyName])).toStrictEqual([
      ['participantJoined', 'Sam'],
      ['participantUpdated', 'Sam'],
    ]);
    expect(joining.userCalls).toBe(2);
  });
});
