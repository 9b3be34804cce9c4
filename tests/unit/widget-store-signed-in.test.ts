/**
 * The chat store for a visitor the site signed in (tests/support/chat-store-harness.ts): their open
 * chat is the one the Functions know of, on whatever device it began, never what this browser held;
 * signing out leaves the chat and everything of theirs.
 */
import { describe, expect, test } from '@jest/globals';
import { ApiError } from '../../widget-src/api/api-error';
import { harness, startChat } from '../support/chat-store-harness';
import { AGENT, VISITOR, message, participant, session } from '../support/fake-chat-transport';

const CHAT_ELSEWHERE = `CH${'e'.repeat(32)}`;
/** The page gives the widget its visitor's identity token (what the Functions check is faked by h.api). */
const SIGNED_IN = { identityToken: 'header.payload.signature' };

describe('chat store: signed-in visitors', () => {
  test('carries on in the chat they began on another device', async () => {
    const h = harness(SIGNED_IN);
    h.api.signedIn = async () => session({ conversationSid: CHAT_ELSEWHERE, expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    expect(h.store.getState().phase).toBe('chat');
    expect(h.transports[0]?.session.conversationSid).toBe(CHAT_ELSEWHERE);
    expect(h.sessions.saved?.conversationSid).toBe(CHAT_ELSEWHERE);
    expect(h.calls.init).toHaveLength(0);
  });

  test('shows the form, not the chat this browser saved, when they have no open chat (another user signed in here)', async () => {
    const h = harness(SIGNED_IN);
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    h.api.signedIn = async () => null;
    await h.store.start();
    expect(h.store.getState().phase).toBe('form');
    expect(h.sessions.saved).toBeNull();
    expect(h.transports).toHaveLength(0);
  });

  test('resumes the saved chat when the Functions cannot be asked', async () => {
    const h = harness(SIGNED_IN);
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    h.api.signedIn = async () => {
      throw new ApiError(0, 'NETWORK_ERROR', 'offline');
    };
    await h.store.start();
    expect(h.store.getState().phase).toBe('chat');
  });

  test('signing out leaves the chat open for their other devices, and shows an empty form', async () => {
    const h = harness(SIGNED_IN);
    const transport = await startChat(h);
    await h.store.signOut();
    expect(h.calls.end).toHaveLength(0);
    expect(transport.disconnected).toBe(true);
    expect(h.sessions.saved).toBeNull();
    expect(h.store.getState()).toMatchObject({ phase: 'form', formValues: {} });
  });
});

describe('chat store: one visitor on several devices', () => {
  test('what the visitor read on another device (the same participant) is no longer unread here', async () => {
    const h = harness(SIGNED_IN);
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hello'));
    transport.emit('messageAdded', message(3, AGENT, 'Are you there?'));
    expect(h.store.getState().unreadCount).toBe(2);
    transport.emit('participantUpdated', participant(VISITOR, 'Jane', 2));
    expect(h.store.getState().unreadCount).toBe(1);
    transport.emit('participantUpdated', participant(VISITOR, 'Jane', 3));
    expect(h.store.getState().unreadCount).toBe(0);
    // An older read horizon (an update that crossed a newer one) never adds unread messages back.
    transport.emit('participantUpdated', participant(VISITOR, 'Jane', 1));
    expect(h.store.getState().unreadCount).toBe(0);
    // Someone else's reading is theirs alone.
    transport.emit('messageAdded', message(4, AGENT, 'Hello?'));
    transport.emit('participantUpdated', participant(AGENT, 'Alex', 4));
    expect(h.store.getState().unreadCount).toBe(1);
  });
});
