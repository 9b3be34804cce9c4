/** The outbox: order, exactly-once after an uncertain failure, refusals and retry, slow sends, persistence, adoption, the chat's end and bounds. */
import { describe, expect, jest, test } from '@jest/globals';
import { CLIENT_ID_ATTRIBUTE, MAX_ATTEMPTS, MAX_PENDING, Outbox, SLOW_MS, type OutboxLink } from '../../widget-src/app/outbox/outbox';
import { parseSavedOutbox, type OutboxStorage, type SavedOutbox } from '../../widget-src/app/outbox/outbox-storage';
import type { ChatMessage } from '../../widget-src/transport/chat-transport';
import { flush as settled } from '../support/chat-store-harness';
import { VISITOR, message } from '../support/fake-chat-transport';

/** One page's localStorage key as the outbox sees it, through the same JSON round trip. */
class MemoryStorage implements OutboxStorage {
  raw: string | null = null;
  adopt: (outbox: SavedOutbox | null) => void = () => undefined;
  load(): SavedOutbox | null {
    return parseSavedOutbox(this.raw);
  }
  save(outbox: SavedOutbox | null): void {
    this.raw = outbox === null ? null : JSON.stringify(outbox);
  }
  claim(adopt: (outbox: SavedOutbox | null) => void): void {
    this.adopt = adopt;
  }
  /** Another page that queued `saved` is gone: its lock is this page's now. */
  leftBehind(saved: SavedOutbox): void {
    this.adopt(parseSavedOutbox(JSON.stringify(saved)));
  }
}

interface Attempt {
  body: string;
  id: string;
  settle: (error?: Error) => void;
}

/** A link whose sends the test settles one by one; `posted` is what reached the conversation. */
class ScriptedLink implements OutboxLink {
  readonly attempts: Attempt[] = [];
  readonly posted: ChatMessage[] = [];
  /** The indexes the outbox read the conversation after. */
  readonly readAfter: number[] = [];
  private waiter: (() => void) | null = null;

  async sendMessage(body: string, attributes: Record<string, string>): Promise<void> {
    const id = attributes[CLIENT_ID_ATTRIBUTE] ?? '';
    await new Promise<void>((resolve, reject) => {
      this.attempts.push({ body, id, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.waiter?.();
    });
  }

  async messagesAfter(index: number): Promise<ChatMessage[]> {
    this.readAfter.push(index);
    return this.posted.filter((m) => m.index > index);
  }

  /** Others write `count` messages. */
  othersWrite(count: number): void {
    for (let i = 0; i < count; i += 1) this.posted.push(message(this.posted.length, 'agent-1', `reply ${i}`));
  }

  /** The message reached Twilio (whatever the sender hears back). */
  post(attempt: Attempt): void {
    this.posted.push(message(this.posted.length, VISITOR, attempt.body, { attributes: { [CLIENT_ID_ATTRIBUTE]: attempt.id } }));
  }

  /** Resolves once `n` attempts have been made. */
  async attempt(n: number): Promise<Attempt> {
    while (this.attempts.length < n) await new Promise<void>((resolve) => (this.waiter = resolve));
    const attempt = this.attempts[n - 1];
    if (attempt === undefined) throw new Error('no attempt');
    return attempt;
  }
}

let ids = 0;
function outbox(storage = new MemoryStorage(), chat = 'visitor-1'): Outbox {
  return new Outbox({ storage, chat, newId: () => `id-${(ids += 1)}` });
}

const bodies = (box: Outbox) => box.pending.map((m) => [m.body, m.state]);
const refusal = Object.assign(new Error('Message too long'), { status: 400, code: 50_000 });

describe('outbox', () => {
  test('holds messages typed while offline, then sends them once each, in order', async () => {
    const box = outbox();
    box.send('first');
    box.send('second');
    expect(bodies(box)).toStrictEqual([['first', 'waiting'], ['second', 'waiting']]);
    const link = new ScriptedLink();
    box.setLink(link);
    const first = await link.attempt(1);
    expect(bodies(box)).toStrictEqual([['first', 'sending'], ['second', 'waiting']]);
    link.post(first);
    first.settle();
    const second = await link.attempt(2);
    expect(second.body).toBe('second');
    link.post(second);
    second.settle();
    await settled();
    expect(box.pending).toStrictEqual([]);
    expect(link.posted.map((m) => m.body)).toStrictEqual(['first', 'second']);
    expect(link.attempts.length).toBe(2);
  });

  test('after a failure whose message did arrive, finds it and never posts it again', async () => {
    const box = outbox();
    const link = new ScriptedLink();
    box.setLink(link);
    box.send('arrived anyway');
    const attempt = await link.attempt(1);
    link.post(attempt);
    box.setLink(null);
    attempt.settle(new Error('Twilsock disconnected'));
    await settled();
    expect(bodies(box)).toStrictEqual([['arrived anyway', 'waiting']]);
    box.setLink(link);
    await settled();
    expect(box.pending).toStrictEqual([]);
    expect(link.posted.length).toBe(1);
    expect(link.attempts.length).toBe(1);
  });

  test('finds a message that arrived however many others came after it, reading back to where it was queued', async () => {
    const box = outbox();
    const link = new ScriptedLink();
    link.othersWrite(200);
    box.delivered(link.posted);
    box.setLink(link);
    box.send('followed by many');
    const attempt = await link.attempt(1);
    link.post(attempt);
    link.othersWrite(120);
    box.setLink(null);
    attempt.settle(new Error('Twilsock disconnected'));
    box.setLink(link);
    await settled();
    expect(box.pending).toStrictEqual([]);
    expect(link.posted.filter((m) => m.body === 'followed by many')).toHaveLength(1);
    expect(link.attempts.length).toBe(1);
    // Read from the message shown last when it was queued: the 121 after it, not the newest 50.
    expect(link.readAfter).toStrictEqual([199]);
  });

  test('after a failure whose message did not arrive, sends it again', async () => {
    const box = outbox();
    const link = new ScriptedLink();
    box.setLink(link);
    box.send('lost');
    (await link.attempt(1)).settle(new Error('request timeout'));
    box.setLink(link);
    const again = await link.attempt(2);
    expect(again.id).toBe(link.attempts[0]?.id);
    link.post(again);
    again.settle();
    await settled();
    expect(link.posted.map((m) => m.body)).toStrictEqual(['lost']);
  });

  test('drops a waiting message the conversation delivered, without sending it', async () => {
    const box = outbox();
    box.send('seen');
    const id = box.pending[0]?.id;
    box.delivered([message(4, VISITOR, 'seen', { attributes: { [CLIENT_ID_ATTRIBUTE]: id } })]);
    expect(box.pending).toStrictEqual([]);
  });

  test('a message Twilio refused fails at once and holds later ones back, so Retry sends them after it, in order', async () => {
    const box = outbox();
    const link = new ScriptedLink();
    box.setLink(link);
    box.send('refused');
    box.send('fine');
    (await link.attempt(1)).settle(refusal);
    await settled();
    expect(bodies(box)).toStrictEqual([['refused', 'failed'], ['fine', 'waiting']]);
    expect(link.attempts.length).toBe(1);
    box.retry(box.pending[0]?.id ?? '');
    const retried = await link.attempt(2);
    expect(retried.body).toBe('refused');
    retried.settle();
    (await link.attempt(3)).settle();
    await settled();
    expect(box.pending).toStrictEqual([]);
    expect(link.attempts.map((a) => a.body)).toStrictEqual(['refused', 'refused', 'fine']);
  });

  test('removing a failed message lets the ones held behind it go', async () => {
    const box = outbox();
    const link = new ScriptedLink();
    box.setLink(link);
    box.send('refused');
    box.send('next');
    (await link.attempt(1)).settle(refusal);
    await settled();
    expect(link.attempts.length).toBe(1);
    box.remove(box.pending[0]?.id ?? '');
    const next = await link.attempt(2);
    expect(next.body).toBe('next');
    next.settle();
    await settled();
    expect(box.pending).toStrictEqual([]);
  });

  test(`fails a message after ${MAX_ATTEMPTS} attempts with unknown outcome; a failed one can be removed`, async () => {
    const box = outbox();
    const link = new ScriptedLink();
    box.send('flaky');
    box.send('behind it');
    for (let n = 1; n <= MAX_ATTEMPTS; n += 1) {
      box.setLink(link);
      (await link.attempt(n)).settle(new Error('disconnected'));
      await settled();
    }
    expect(bodies(box)).toStrictEqual([['flaky', 'failed'], ['behind it', 'waiting']]);
    box.setLink(link);
    await settled();
    // Nothing overtakes the failed message: a later one never lands before an earlier one.
    expect(link.attempts.map((a) => a.body)).toStrictEqual(Array.from({ length: MAX_ATTEMPTS }, () => 'flaky'));
    box.remove(box.pending[0]?.id ?? '');
    (await link.attempt(MAX_ATTEMPTS + 1)).settle();
    await settled();
    expect(box.pending).toStrictEqual([]);
  });

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

  test(`says a send is slow once it has taken ${SLOW_MS} ms, and not on the next attempt`, async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const box = outbox();
      const link = new ScriptedLink();
      box.setLink(link);
      box.send('slow');
      const first = await link.attempt(1);
      jest.advanceTimersByTime(SLOW_MS - 1);
      expect(box.pending[0]?.slow).toBe(false);
      jest.advanceTimersByTime(1);
      expect(box.pending[0]?.slow).toBe(true);
      first.settle(new Error('disconnected'));
      box.setLink(link);
      await link.attempt(2);
      expect(box.pending.map((m) => [m.state, m.slow])).toStrictEqual([['sending', false]]);
    } finally {
      jest.useRealTimers();
    }
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

  test(`refuses more than ${MAX_PENDING} unsent messages`, () => {
    const storage = new MemoryStorage();
    const box = outbox(storage);
    for (let n = 0; n < MAX_PENDING; n += 1) expect(box.send(`m${n}`)).toBe(true);
    expect(box.send('one too many')).toBe(false);
    expect(box.pending.length).toBe(MAX_PENDING);
    expect(parseSavedOutbox(storage.raw)?.messages.length).toBe(MAX_PENDING);
  });
});
