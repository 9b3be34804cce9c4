/** The outbox sends in order and exactly once, also after a send whose outcome is unknown. */
import { describe, expect, test } from '@jest/globals';
import { CLIENT_ID_ATTRIBUTE } from '../../widget-src/app/outbox/outbox';
import { flush as settled } from '../support/chat-store-harness';
import { VISITOR, message } from '../support/fake-chat-transport';
import { ScriptedLink, bodies, outbox } from '../support/outbox-harness';

describe('the outbox sending', () => {
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
});
