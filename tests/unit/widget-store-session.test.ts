/**
 * The chat store without any UI (tests/support/chat-store-harness.ts): the session: resuming a
 * saved chat, renewing its token (clock skew included), and its end.
 */
import { describe, expect, test } from '@jest/globals';
import { ApiError } from '../../widget-src/api/api-error';
import { flush, harness, startChat } from '../support/chat-store-harness';
import { AGENT, VISITOR, message, participant, session } from '../support/fake-chat-transport';

describe('chat store: session lifecycle', () => {
  test('resumes a saved session and marks what the visitor missed', async () => {
    const h = harness({}, (t) => {
      t.snapshot = {
        ...t.snapshot,
        participants: [participant(VISITOR, 'Jane', 1), participant(AGENT, 'Alex', 1)],
        latest: {
          messages: [message(0, VISITOR, 'q'), message(1, 'Concierge', 'w'), message(2, AGENT, 'missed')],
          hasOlder: false,
        },
      };
    });
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    const state = h.store.getState();
    expect(state.phase).toBe('chat');
    expect(state.firstUnreadIndex).toBe(2);
    expect(state.unreadCount).toBe(1);
    expect(h.calls.init.length).toBe(0);
  });

  test('refreshes an expired saved token before connecting', async () => {
    const h = harness();
    h.sessions.saved = session({ expiration: new Date(h.clock.time - 60_000).toISOString() });
    await h.store.start();
    expect(h.calls.refresh.length).toBe(1);
    expect(h.transports[0]?.session.token).toBe('token-1');
    expect(h.store.getState().phase).toBe('chat');
    expect(h.sessions.saved?.token).toBe('token-1');
  });

  test('falls back to the form with a notice when the saved chat cannot be resumed', async () => {
    const h = harness({}, (t) => {
      t.connectError = new Error('denied');
    });
    h.api.refresh = async () => {
      throw new ApiError(404, 'CONVERSATION_NOT_FOUND', 'no');
    };
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    const state = h.store.getState();
    expect(state.phase).toBe('form');
    expect(state.notice ?? '').toMatch(/could not resume/);
    expect(h.sessions.saved).toBe(null);
    expect(h.transports[0]?.disconnected).toBe(true);
  });

  test('offers a retry, not the form, when resuming fails for network reasons', async () => {
    const h = harness();
    h.api.refresh = async () => {
      throw new ApiError(0, 'NETWORK_ERROR', 'offline');
    };
    h.sessions.saved = session({ expiration: new Date(h.clock.time - 1).toISOString() });
    await h.store.start();
    expect(h.store.getState().phase).toBe('failed');
    expect(h.store.getState().failure?.canRetry).toBe(true);
    expect(h.sessions.saved).not.toBe(null);
    h.api.refresh = async () => ({ token: 'token-ok', expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.retry();
    expect(h.store.getState().phase).toBe('chat');
  });

  test('refreshes the token when the transport warns, and hands it to the transport', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('tokenAboutToExpire', undefined);
    await flush();
    expect(transport.tokens).toStrictEqual(['token-1']);
    expect(h.sessions.saved?.token).toBe('token-1');
  });

  test('refreshes on its own timer shortly before expiry', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.clock.advance(3_600_000 - 120_000);
    await flush();
    expect(transport.tokens).toStrictEqual(['token-1']);
  });

  test('retries a refresh that failed for network reasons', async () => {
    const h = harness();
    const transport = await startChat(h);
    let fail = true;
    h.api.refresh = async () => {
      if (fail) throw new ApiError(0, 'NETWORK_ERROR', 'offline');
      return { token: 'token-late', expiration: new Date(h.clock.time + 3_600_000).toISOString() };
    };
    transport.emit('tokenExpired', undefined);
    await flush();
    fail = false;
    h.clock.advance(5_000);
    await flush();
    expect(transport.tokens).toStrictEqual(['token-late']);
  });

  test('ends the chat when the backend says the conversation is closed', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.api.refresh = async () => {
      throw new ApiError(409, 'CONVERSATION_CLOSED', 'closed');
    };
    transport.emit('tokenAboutToExpire', undefined);
    await flush();
    expect(h.store.getState().phase).toBe('ended');
    expect(h.sessions.saved).toBe(null);
  });

  test('shows an expired session with a way to start again when the token cannot be renewed', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.api.refresh = async () => {
      throw new ApiError(401, 'TOKEN_EXPIRED', 'expired');
    };
    transport.emit('tokenExpired', undefined);
    await flush();
    const state = h.store.getState();
    expect(state.phase).toBe('failed');
    expect(state.failure?.canRetry).toBe(false);
    expect(state.messages.length).toBe(2);
  });

  test('a closed conversation ends the chat; "Start new chat" tears down and shows a fresh form', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('conversationStateChanged', 'closed');
    expect(h.store.getState().phase).toBe('ended');
    expect(h.sessions.saved).toBe(null);
    expect(h.store.canSend()).toBe(false);
    await h.store.startNew();
    const state = h.store.getState();
    expect(transport.disconnected).toBe(true);
    expect(state.phase).toBe('form');
    expect(state.messages.length).toBe(0);
    expect(state.formValues.friendlyName).toBe('Jane');
    expect(state.formValues.query).toBe(undefined);
    // Events from the old connection no longer reach the new state.
    transport.emit('messageAdded', message(9, AGENT, 'late'));
    expect(h.store.getState().messages.length).toBe(0);
  });

  test('a chat that is already closed when resumed opens as ended', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, state: 'closed' };
    });
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    expect(h.store.getState().phase).toBe('ended');
    expect(h.sessions.saved).toBe(null);
  });
});

describe('chat store: prefill after resume', () => {
  test('a resumed chat prefills the next form from the conversation’s pre-engagement data, without the question', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, attributes: { pre_engagement_data: { friendlyName: 'Jane', email: 'jane@example.com', query: 'old' } } };
    });
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    h.transports[0]?.emit('conversationStateChanged', 'closed');
    await h.store.startNew();
    expect(h.store.getState().formValues).toStrictEqual({ friendlyName: 'Jane', email: 'jane@example.com' });
  });
});

describe('chat store: clock skew', () => {
  const jwt = (iat: number, exp: number): string =>
    `h.${Buffer.from(JSON.stringify({ iat, exp })).toString('base64url')}.s`;

  test('schedules refreshes from the token’s own lifetime, so a visitor clock far ahead causes no refresh loop', async () => {
    const h = harness();
    const serverNow = Math.floor(h.clock.time / 1000) - 86_400; // the visitor's clock is a day ahead
    h.api.init = async () => session({ token: jwt(serverNow, serverNow + 3600), expiration: new Date((serverNow + 3600) * 1000).toISOString() });
    h.api.refresh = async () => ({ token: jwt(serverNow, serverNow + 3600), expiration: new Date((serverNow + 3600) * 1000).toISOString() });
    const transport = await startChat(h);
    h.clock.advance(60_000);
    await flush();
    expect(h.calls.refresh.length).toBe(0);
    h.clock.advance(3_600_000 - 120_000 - 60_000);
    await flush();
    expect(h.calls.refresh.length).toBe(1);
    transport.emit('tokenAboutToExpire', undefined);
    h.clock.advance(1_000);
    await flush();
    expect(h.calls.refresh.length).toBe(1);
  });
});
