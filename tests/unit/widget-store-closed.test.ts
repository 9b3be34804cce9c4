/**
 * The chat store outside the opening hours (tests/support/chat-store-harness.ts): closed before
 * the visitor types, a chat under way resumed whatever the hour, and a start the backend refuses
 * as closed turned into the closed view with what the visitor typed kept.
 */
import { describe, expect, test } from '@jest/globals';
import { ApiError } from '../../widget-src/api/api-error';
import { harness } from '../support/chat-store-harness';
import { session } from '../support/fake-chat-transport';

const CLOSED = { open: false, reason: 'hours', opensAt: '2026-11-26T08:00:00.000Z' } as const;

describe('chat store: closed', () => {
  test('says it is closed and when it opens instead of showing the form, and prepares no chat', async () => {
    const h = harness({}, undefined, CLOSED);
    await h.store.start();
    const state = h.store.getState();
    expect([state.phase, state.availability]).toStrictEqual(['closed', CLOSED]);
    expect([h.calls.prepared, h.calls.init.length, h.transports.length]).toStrictEqual([0, 0, 0]);
  });

  test('resumes a chat already under way, whatever the hour', async () => {
    const h = harness({}, undefined, CLOSED);
    h.sessions.saved = session();
    await h.store.start();
    expect(h.store.getState().phase).toBe('chat');
  });

  test('a start refused as closed shows the closed view with its opening time, keeping what the visitor typed', async () => {
    const h = harness();
    h.api.init = async () => {
      throw new ApiError(409, 'CHAT_CLOSED', 'The chat is closed now.', undefined, undefined, CLOSED);
    };
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    const state = h.store.getState();
    expect([state.phase, state.availability, state.formValues.query]).toStrictEqual(['closed', CLOSED, 'Hi']);
    expect(h.sessions.saved).toBe(null);
  });
});
