import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../widget-src/api/api-error';
import type { RefreshedToken, WebchatApi } from '../../widget-src/api/client';
import { resolveAppConfig } from '../../widget-src/app/store/app-config';
import { ChatStore, type Clock, type SessionStore } from '../../widget-src/app/store/chat-store';
import type { WebchatConfig } from '../../widget-src/shared/config';
import type { ChatSession } from '../../widget-src/transport/chat-transport';
import { AGENT, FakeChatTransport, VISITOR, message, participant, session } from '../support/fake-chat-transport';

class MemorySessions implements SessionStore {
  saved: ChatSession | null = null;
  writes = 0;
  load(): ChatSession | null {
    return this.saved;
  }
  save(value: ChatSession): void {
    this.saved = value;
    this.writes += 1;
  }
  clear(): void {
    this.saved = null;
  }
}

class ManualClock implements Clock {
  time = Date.UTC(2026, 10, 25, 9, 0);
  timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }
  /** Moves time forward and runs the timers that fell due. */
  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.filter((t) => !t.cancelled && t.at <= this.time)) {
      timer.cancelled = true;
      timer.callback();
    }
  }
}

interface Harness {
  store: ChatStore;
  sessions: MemorySessions;
  clock: ManualClock;
  transports: FakeChatTransport[];
  calls: { init: Array<Record<string, string>>; refresh: Array<{ token: string; conversationSid: string }> };
  api: { init: (data: Record<string, string>) => Promise<ChatSession>; refresh: () => Promise<RefreshedToken> };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function harness(config: WebchatConfig = {}, prepare?: (transport: FakeChatTransport) => void): Harness {
  const clock = new ManualClock();
  const sessions = new MemorySessions();
  const transports: FakeChatTransport[] = [];
  const calls: Harness['calls'] = { init: [], refresh: [] };
  const h: Harness = {
    store: undefined as unknown as ChatStore,
    sessions,
    clock,
    transports,
    calls,
    api: {
      init: async () => session({ expiration: new Date(clock.time + 3_600_000).toISOString() }),
      refresh: async () => ({ token: `token-${calls.refresh.length}`, expiration: new Date(clock.time + 3_600_000).toISOString() }),
    },
  };
  const api: WebchatApi = {
    initWebchat: (formData) => {
      calls.init.push(formData);
      return h.api.init(formData);
    },
    refreshToken: (token, conversationSid) => {
      calls.refresh.push({ token, conversationSid });
      return h.api.refresh();
    },
  };
  h.store = new ChatStore({
    config: resolveAppConfig(config),
    api,
    sessions,
    clock,
    createTransport: async (s) => {
      const transport = new FakeChatTransport(s);
      prepare?.(transport);
      transports.push(transport);
      return transport;
    },
  });
  return h;
}

async function startChat(h: Harness): Promise<FakeChatTransport> {
  await h.store.start();
  h.store.setField('friendlyName', 'Jane');
  h.store.setField('email', 'jane@example.com');
  h.store.setField('query', 'I need help');
  assert.equal(await h.store.submit(), true);
  const transport = h.transports.at(-1);
  assert.ok(transport);
  return transport;
}

describe('chat store: form', () => {
  test('shows the form and writes nothing to storage before a chat starts', async () => {
    const h = harness();
    await h.store.start();
    assert.equal(h.store.getState().phase, 'form');
    h.store.setField('friendlyName', 'Jane');
    assert.equal(h.sessions.writes, 0);
  });

  test('refuses invalid input with one message per field and calls no backend', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('email', 'not-an-email');
    assert.equal(await h.store.submit(), false);
    const { fieldErrors, phase } = h.store.getState();
    assert.equal(phase, 'form');
    assert.deepEqual(Object.keys(fieldErrors).sort(), ['email', 'friendlyName', 'query']);
    assert.match(fieldErrors.email ?? '', /valid email/);
    assert.equal(h.calls.init.length, 0);
  });

  test('editing a field clears only that field’s error', async () => {
    const h = harness();
    await h.store.start();
    await h.store.submit();
    h.store.setField('friendlyName', 'Jane');
    assert.deepEqual(Object.keys(h.store.getState().fieldErrors).sort(), ['email', 'query']);
  });

  test('sends trimmed values and saves the session once the chat exists', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('friendlyName', '  Jane ');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', ' I need help ');
    await h.store.submit();
    assert.deepEqual(h.calls.init, [{ friendlyName: 'Jane', email: 'jane@example.com', query: 'I need help' }]);
    assert.equal(h.sessions.saved?.identity, VISITOR);
    assert.equal(h.store.getState().phase, 'chat');
  });

  test('puts a backend field error next to the field it names', async () => {
    const h = harness();
    h.api.init = async () => {
      throw new ApiError(400, 'INVALID_FIELD', 'That email domain cannot receive mail.', 'email');
    };
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    assert.equal(await h.store.submit(), false);
    assert.equal(h.store.getState().fieldErrors.email, 'That email domain cannot receive mail.');
    assert.equal(h.store.getState().phase, 'form');
    assert.equal(h.sessions.saved, null);
  });

  test('explains a server failure and keeps what the visitor typed', async () => {
    const h = harness();
    h.api.init = async () => {
      throw new ApiError(502, 'TWILIO_ERROR', 'upstream');
    };
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    await h.store.submit();
    const state = h.store.getState();
    assert.equal(state.phase, 'form');
    assert.match(state.formError ?? '', /could not be started/);
    assert.equal(state.formValues.query, 'Hi');
  });

  test('skips the form for a prefilled visitor when configured', async () => {
    const h = harness({
      preEngagement: { skip: true, prefill: { friendlyName: 'Jane', email: 'jane@example.com', query: 'Order 42' } },
    });
    await h.store.start();
    assert.equal(h.calls.init.length, 1);
    assert.equal(h.store.getState().phase, 'chat');
  });

  test('shows the prefilled form when the prefill is not valid', async () => {
    const h = harness({ preEngagement: { skip: true, prefill: { friendlyName: 'Jane' } } });
    await h.store.start();
    assert.equal(h.calls.init.length, 0);
    assert.equal(h.store.getState().phase, 'form');
    assert.equal(h.store.getState().formValues.friendlyName, 'Jane');
  });
});

describe('chat store: conversation', () => {
  test('loads the question and the welcome, read and without a new-messages marker', async () => {
    const h = harness();
    await startChat(h);
    const state = h.store.getState();
    assert.deepEqual(state.messages.map((m) => m.body), ['I need help', 'Welcome Jane!']);
    assert.equal(state.firstUnreadIndex, null);
    assert.equal(state.connection, 'connected');
  });

  test('marks messages read only while the visitor is looking', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hello, I am Alex'));
    assert.deepEqual(transport.read, []);
    assert.equal(h.store.getState().unreadCount, 1);
    assert.equal(h.store.getState().firstUnreadIndex, 2);
    h.store.setAttention(true);
    await flush();
    assert.deepEqual(transport.read, [2]);
    assert.equal(h.store.getState().unreadCount, 0);
    transport.emit('messageAdded', message(3, AGENT, 'How can I help?'));
    assert.deepEqual(transport.read, [2, 3]);
  });

  test('keeps the marker while the visitor reads, and drops it after they reply', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hi'));
    h.store.setAttention(true);
    assert.equal(h.store.getState().firstUnreadIndex, 2);
    assert.equal(await h.store.send('Thanks'), true);
    assert.equal(h.store.getState().firstUnreadIndex, null);
    assert.deepEqual(transport.sent, [{ body: 'Thanks' }]);
  });

  test('tracks who is typing, ignoring the visitor’s own echo', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('typingStarted', participant(AGENT, 'Alex'));
    transport.emit('typingStarted', participant(VISITOR, 'Jane'));
    assert.deepEqual(h.store.getState().typing, [AGENT]);
    transport.emit('messageAdded', message(2, AGENT, 'Hi'));
    assert.deepEqual(h.store.getState().typing, []);
  });

  test('forwards the visitor’s typing only while connected', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.store.typing();
    transport.emit('connectionState', 'connecting');
    h.store.typing();
    assert.equal(transport.typingCalls, 1);
  });

  test('computes the read receipt from other participants’ read horizons', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('participantJoined', participant(AGENT, 'Alex', null));
    assert.equal(h.store.getState().othersReadIndex, null);
    transport.emit('participantUpdated', participant(AGENT, null, 1));
    assert.equal(h.store.getState().othersReadIndex, 1);
    // A name once known survives an update that carries none.
    assert.equal(h.store.getState().knownNames[AGENT], 'Alex');
  });

  test('shows a banner while reconnecting and "restored" briefly afterwards', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('connectionState', 'connecting');
    assert.equal(h.store.getState().banner, 'reconnecting');
    assert.equal(h.store.canSend(), false);
    transport.emit('connectionState', 'connected');
    assert.equal(h.store.getState().banner, 'restored');
    h.clock.advance(5_000);
    assert.equal(h.store.getState().banner, null);
  });

  test('pages older messages in before the oldest one', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(40, VISITOR, 'latest')], hasOlder: true } };
      t.older = { messages: Array.from({ length: 40 }, (_, i) => message(i, AGENT, `old ${i}`)), hasOlder: true };
    });
    await startChat(h);
    await h.store.loadOlder();
    const { messages, hasOlder } = h.store.getState();
    assert.equal(messages.length, 31);
    assert.equal(messages[0]?.index, 10);
    assert.equal(hasOlder, true);
  });

  test('keeps the text when sending fails and says so', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.sendError = new Error('offline');
    assert.equal(await h.store.send('Hello?'), false);
    assert.match(h.store.getState().sendError ?? '', /not sent/);
  });

  test('refuses a message over the maximum length', async () => {
    const h = harness({ maxMessageLength: 5 });
    const transport = await startChat(h);
    assert.equal(await h.store.send('123456'), false);
    assert.deepEqual(transport.sent, []);
  });
});

describe('chat store: attachments', () => {
  const file = (name: string, size: number, type = 'image/png'): Blob & { name: string } =>
    Object.assign(new Blob([new Uint8Array(size)], { type }), { name });

  test('checks type, size and count before upload, with one message per refused file', async () => {
    const h = harness({ fileAttachment: { acceptedExtensions: ['png', 'pdf'], maxFileSize: 100, maxFiles: 2 } });
    await startChat(h);
    h.store.addFiles([file('a.png', 10), file('b.exe', 10), file('c.pdf', 1000), file('d.PNG', 10), file('e.png', 10)]);
    const { attachments, attachmentErrors } = h.store.getState();
    assert.deepEqual(attachments.map((a) => a.name), ['a.png', 'd.PNG']);
    assert.equal(attachmentErrors.length, 3);
    assert.match(attachmentErrors[0] ?? '', /b\.exe.*allowed types are png, pdf/);
    assert.match(attachmentErrors[1] ?? '', /c\.pdf.*too large/);
    assert.match(attachmentErrors[2] ?? '', /at most 2 files/);
  });

  test('refuses every file when attachments are disabled', async () => {
    const h = harness({ fileAttachment: { enabled: false } });
    await startChat(h);
    h.store.addFiles([file('a.png', 10)]);
    assert.equal(h.store.getState().attachments.length, 0);
    assert.equal(h.store.getState().attachmentErrors.length, 1);
  });

  test('sends files with the text in one message, then clears the chips', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.store.addFiles([file('photo.png', 10)]);
    assert.equal(await h.store.send('see attached'), true);
    assert.equal(transport.sent[0]?.body, 'see attached');
    assert.deepEqual(transport.sent[0]?.files?.map((f) => [f.name, f.contentType]), [['photo.png', 'image/png']]);
    assert.equal(h.store.getState().attachments.length, 0);
  });
});

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
    assert.equal(state.phase, 'chat');
    assert.equal(state.firstUnreadIndex, 2);
    assert.equal(state.unreadCount, 1);
    assert.equal(h.calls.init.length, 0);
  });

  test('refreshes an expired saved token before connecting', async () => {
    const h = harness();
    h.sessions.saved = session({ expiration: new Date(h.clock.time - 60_000).toISOString() });
    await h.store.start();
    assert.equal(h.calls.refresh.length, 1);
    assert.equal(h.transports[0]?.session.token, 'token-1');
    assert.equal(h.store.getState().phase, 'chat');
    assert.equal(h.sessions.saved?.token, 'token-1');
  });

  test('falls back to the form with a notice when the saved chat cannot be resumed', async () => {
    const h = harness({}, (t) => {
      t.connectError = new Error('denied');
    });
    h.api.refresh = async () => {
      throw new ApiError(403, 'NOT_A_PARTICIPANT', 'no');
    };
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    const state = h.store.getState();
    assert.equal(state.phase, 'form');
    assert.match(state.notice ?? '', /could not resume/);
    assert.equal(h.sessions.saved, null);
    assert.equal(h.transports[0]?.disconnected, true);
  });

  test('offers a retry, not the form, when resuming fails for network reasons', async () => {
    const h = harness();
    h.api.refresh = async () => {
      throw new ApiError(0, 'NETWORK_ERROR', 'offline');
    };
    h.sessions.saved = session({ expiration: new Date(h.clock.time - 1).toISOString() });
    await h.store.start();
    assert.equal(h.store.getState().phase, 'failed');
    assert.equal(h.store.getState().failure?.canRetry, true);
    assert.notEqual(h.sessions.saved, null);
    h.api.refresh = async () => ({ token: 'token-ok', expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.retry();
    assert.equal(h.store.getState().phase, 'chat');
  });

  test('refreshes the token when the transport warns, and hands it to the transport', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('tokenAboutToExpire', undefined);
    await flush();
    assert.deepEqual(transport.tokens, ['token-1']);
    assert.equal(h.sessions.saved?.token, 'token-1');
  });

  test('refreshes on its own timer shortly before expiry', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.clock.advance(3_600_000 - 120_000);
    await flush();
    assert.deepEqual(transport.tokens, ['token-1']);
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
    assert.deepEqual(transport.tokens, ['token-late']);
  });

  test('ends the chat when the backend says the conversation is closed', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.api.refresh = async () => {
      throw new ApiError(409, 'CONVERSATION_CLOSED', 'closed');
    };
    transport.emit('tokenAboutToExpire', undefined);
    await flush();
    assert.equal(h.store.getState().phase, 'ended');
    assert.equal(h.sessions.saved, null);
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
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.canRetry, false);
    assert.equal(state.messages.length, 2, 'the transcript stays visible');
  });

  test('a closed conversation ends the chat; "Start new chat" tears down and shows a fresh form', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('conversationStateChanged', 'closed');
    assert.equal(h.store.getState().phase, 'ended');
    assert.equal(h.sessions.saved, null);
    assert.equal(h.store.canSend(), false);
    await h.store.startNew();
    const state = h.store.getState();
    assert.equal(transport.disconnected, true);
    assert.equal(state.phase, 'form');
    assert.equal(state.messages.length, 0);
    assert.equal(state.formValues.friendlyName, 'Jane');
    assert.equal(state.formValues.query, undefined);
    // Events from the old connection no longer reach the new state.
    transport.emit('messageAdded', message(9, AGENT, 'late'));
    assert.equal(h.store.getState().messages.length, 0);
  });

  test('a chat that is already closed when resumed opens as ended', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, state: 'closed' };
    });
    h.sessions.saved = session({ expiration: new Date(h.clock.time + 3_600_000).toISOString() });
    await h.store.start();
    assert.equal(h.store.getState().phase, 'ended');
    assert.equal(h.sessions.saved, null);
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
    assert.deepEqual(h.store.getState().formValues, { friendlyName: 'Jane', email: 'jane@example.com' });
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
    assert.equal(h.calls.refresh.length, 0, 'no refresh long before the token’s lifetime is over');
    h.clock.advance(3_600_000 - 120_000 - 60_000);
    await flush();
    assert.equal(h.calls.refresh.length, 1);
    transport.emit('tokenAboutToExpire', undefined);
    h.clock.advance(1_000);
    await flush();
    assert.equal(h.calls.refresh.length, 1, 'an immediate repeat warning is ignored');
  });
});
