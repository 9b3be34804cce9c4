/** The outbox across reloads and pages: the draft and unsent messages kept, what a gone page left adopted, the chat's end, and unreadable storage. */
import { describe, expect, test } from '@jest/globals';
import { CLIENT_ID_ATTRIBUTE } from '../../widget-src/app/outbox/outbox';
import { flush as settled } from '../support/chat-store-harness';
import { VISITOR, message } from '../support/fake-chat-transport';
import { MemoryStorage, ScriptedLink, bodies, outbox } from '../support/outbox-harness';

describe('the outbox in storage', () => {
  test('keeps the draft and unsent messages across a reload, and looks before resending', async () => {
    const storage = new MemoryStorage();
    const before = outbox(storage);
    const link = new ScriptedLink();
    before.setLink(link);
    before.send('cut short');
    const attempt = await link.attempt(1);
    link.post(attempt);
    before.send('never tried');
    before.setDraft('half typed');
    // The page reloads before the first send is answered.
    const after = outbox(storage);
    expect(after.draft).toBe('half typed');
    expect(bodies(after)).toStrictEqual([['cut short', 'waiting'], ['never tried', 'waiting']]);
    const fresh = new ScriptedLink();
    fresh.posted.push(...link.posted);
    after.setLink(fresh);
    const next = await fresh.attempt(1);
    expect(next.body).toBe('never tried');
    next.settle();
    await settled();
    expect(after.pending).toStrictEqual([]);
    expect(JSON.parse(storage.raw ?? '{}')).toStrictEqual({ chat: 'visitor-1', draft: 'half typed', messages: [] });
  });

  test('when the chat ends, keeps what was not sent on screen and offers it, with the draft, as the next chat\'s draft', () => {
    const storage = new MemoryStorage();
    const box = outbox(storage, 'visitor-1');
    box.send('for chat 1');
    box.setDraft('half typed');
    box.end();
    expect(bodies(box)).toStrictEqual([['for chat 1', 'unsent']]);
    const next = outbox(storage, 'visitor-2');
    expect([next.pending, next.draft]).toStrictEqual([[], 'for chat 1\nhalf typed']);
    next.setDraft('');
    expect(storage.raw).toBe(null);
  });

  test('reads nothing unreadable', () => {
    const storage = new MemoryStorage();
    storage.raw = '{"chat":"visitor-1","draft":3}';
    expect(outbox(storage).draft).toBe('');
    storage.raw = 'not json';
    expect(outbox(storage).pending).toStrictEqual([]);
  });

  test('adopts what a page of the same chat left behind, after its own messages, looking before sending any', async () => {
    const storage = new MemoryStorage();
    const box = outbox(storage);
    box.send('mine');
    storage.leftBehind({ chat: 'visitor-1', draft: 'their draft', messages: [{ id: 'gone-1', body: 'theirs', state: 'sending' }] });
    storage.leftBehind({ chat: 'visitor-1', draft: '', messages: [{ id: 'gone-1', body: 'theirs', state: 'sending' }] });
    storage.leftBehind({ chat: 'visitor-0', draft: '', messages: [{ id: 'old-1', body: 'another chat', state: 'waiting' }] });
    expect(bodies(box)).toStrictEqual([['mine', 'waiting'], ['theirs', 'waiting']]);
    expect(box.draft).toBe('their draft');
    const link = new ScriptedLink();
    link.posted.push(message(0, VISITOR, 'theirs', { attributes: { [CLIENT_ID_ATTRIBUTE]: 'gone-1' } }));
    box.setLink(link);
    (await link.attempt(1)).settle();
    await settled();
    expect(box.pending).toStrictEqual([]);
    expect(link.attempts.map((a) => a.body)).toStrictEqual(['mine']);
  });
});
