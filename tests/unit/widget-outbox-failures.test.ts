/** The outbox when sends fail: refusals, too many unknown outcomes, Retry and Remove, a slow send, and its bound. */
import { describe, expect, jest, test } from '@jest/globals';
import { MAX_ATTEMPTS, MAX_PENDING, SLOW_MS } from '../../widget-src/app/outbox/outbox';
import { parseSavedOutbox } from '../../widget-src/app/outbox/outbox-storage';
import { flush as settled } from '../support/chat-store-harness';
import { MemoryStorage, ScriptedLink, bodies, outbox, refusal } from '../support/outbox-harness';

describe('the outbox when sends fail', () => {
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

  test(`refuses more than ${MAX_PENDING} unsent messages`, () => {
    const storage = new MemoryStorage();
    const box = outbox(storage);
    for (let n = 0; n < MAX_PENDING; n += 1) expect(box.send(`m${n}`)).toBe(true);
    expect(box.send('one too many')).toBe(false);
    expect(box.pending.length).toBe(MAX_PENDING);
    expect(parseSavedOutbox(storage.raw)?.messages.length).toBe(MAX_PENDING);
  });
});
