/**
 * ConversationsTransport against fakes of the Conversations SDK (tests/support/fake-conversations-sdk.ts):
 * paging, sending, media URLs, token updates and shutdown.
 * The same transport runs against the real SDK and the emulator in
 * tests/integration/conversations-transport.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { FakeMedia, connected, fakeMessage, setup } from '../support/fake-conversations-sdk';

describe('ConversationsTransport', () => {
  test('pages older messages backwards from just before the oldest shown', async () => {
    const t = setup();
    await connected(t);
    await t.transport.getMessagesBefore(40, 30);
    expect(t.conversation.pageCalls.at(-1)).toStrictEqual([30, 39, 'backwards']);
    const none = await t.transport.getMessagesBefore(0, 30);
    expect(none).toStrictEqual({ messages: [], hasOlder: false });
    expect(t.conversation.pageCalls.length).toBe(2);
  });

  test('sends text, a file as a message of its own, typing and read horizons', async () => {
    const t = setup();
    await connected(t);
    await t.transport.sendMessage('Hello', { webchat_client_id: 'c1' });
    const data = new Blob(['%PDF']);
    await t.transport.sendMedia({ name: 'a.pdf', contentType: 'application/pdf', data });
    t.transport.typing();
    await t.transport.markRead(4);
    expect(t.conversation.sent).toStrictEqual(['Hello']);
    expect(t.conversation.sentAttributes).toStrictEqual([{ webchat_client_id: 'c1' }]);
    expect(t.conversation.builder.body).toBe(undefined);
    expect(t.conversation.builder.media).toStrictEqual([{ contentType: 'application/pdf', filename: 'a.pdf', media: data }]);
    expect(t.conversation.builder.sent).toBe(true);
    expect(t.conversation.typingCalls).toBe(1);
    expect(t.conversation.readIndexes).toStrictEqual([4]);
  });

  test('gives temporary media URLs for media it has seen', async () => {
    const t = setup();
    t.conversation.page = {
      items: [fakeMessage(2, 'agent-1', 'file', [new FakeMedia('ME2', null, 'application/pdf', 10, 'https://mcs.example/ME2'), new FakeMedia('ME3', 'x', 'image/png', 1, null)])],
      hasPrevPage: false,
    };
    const snapshot = await connected(t);
    const [first, second] = snapshot.latest.messages[0]?.media ?? [];
    expect(first?.filename).toBe('file');
    expect(await t.transport.getMediaUrl(first ?? { sid: '', filename: '', contentType: '', size: 0 })).toBe('https://mcs.example/ME2');
    await expect(t.transport.getMediaUrl(second ?? { sid: '', filename: '', contentType: '', size: 0 })).rejects.toThrow(/No URL/);
    await expect(t.transport.getMediaUrl({ sid: 'ME404', filename: 'x', contentType: 'x', size: 0 })).rejects.toThrow(/Unknown media/);
  });

  test('updates the token and, on disconnect, removes every listener and shuts the client down', async () => {
    const t = setup();
    await connected(t);
    await t.transport.updateToken('token-2');
    expect(t.client.tokens).toStrictEqual(['token-2']);
    expect(t.client.count() > 0 && t.conversation.count() > 0).toBeTruthy();
    await t.transport.disconnect();
    expect(t.client.count()).toBe(0);
    expect(t.conversation.count()).toBe(0);
    expect(t.client.shutdowns).toBe(1);
    t.conversation.fire('messageAdded', fakeMessage(9, 'agent-1', 'late'));
    expect(t.events.length).toBe(0);
  });
});
