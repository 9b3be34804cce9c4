import { describe, expect, test } from '@jest/globals';
import { defined } from '../support/defined';
import { ApiError } from '../../widget-src/api/api-error';
import type { CaptchaDescription, RefreshTokenAnswer } from '../../contract/api';
import type { WebchatApi } from '../../widget-src/api/client';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import type { SessionStore } from '../../widget-src/app/store/chat-state';
import { ChatStore } from '../../widget-src/app/store/chat-store';
import type { Clock } from '../../widget-src/app/store/clock';
import type { WebchatConfig } from '../../widget-src/common/config';
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
  calls: {
    prepared: number;
    init: Array<Record<string, string>>;
    captchaTokens: Array<string | undefined>;
    refresh: Array<{ token: string; conversationSid: string }>;
  };
  /** The captcha the site has, as the challenge answer would say. */
  captcha: CaptchaDescription | null;
  api: { init: (data: Record<string, string>) => Promise<ChatSession>; refresh: () => Promise<RefreshTokenAnswer> };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function harness(config: WebchatConfig = {}, prepare?: (transport: FakeChatTransport) => void): Harness {
  const clock = new ManualClock();
  const sessions = new MemorySessions();
  const transports: FakeChatTransport[] = [];
  const calls: Harness['calls'] = { prepared: 0, init: [], captchaTokens: [], refresh: [] };
  const h: Harness = {
    store: undefined as unknown as ChatStore,
    sessions,
    clock,
    transports,
    calls,
    captcha: null,
    api: {
      init: async () => session({ expiration: new Date(clock.time + 3_600_000).toISOString() }),
      refresh: async () => ({ token: `token-${calls.refresh.length}`, expiration: new Date(clock.time + 3_600_000).toISOString() }),
    },
  };
  const api: WebchatApi = {
    prepareStart: async () => {
      calls.prepared += 1;
      return h.captcha;
    },
    initWebchat: (formData, captchaToken) => {
      calls.init.push(formData);
      calls.captchaTokens.push(captchaToken);
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
  expect(await h.store.submit()).toBe(true);
  return defined(h.transports.at(-1));
}

describe('chat store: form', () => {
  test('shows the form and writes nothing to storage before a chat starts', async () => {
    const h = harness();
    await h.store.start();
    expect(h.store.getState().phase).toBe('form');
    h.store.setField('friendlyName', 'Jane');
    expect(h.sessions.writes).toBe(0);
  });

  test('prepares the start challenge as soon as the form shows, and again when it comes back after a refusal', async () => {
    const h = harness();
    expect(h.calls.prepared).toBe(0);
    await h.store.start();
    expect(h.calls.prepared).toBe(1);
    h.api.init = async () => {
      throw new ApiError(429, 'TOO_MANY_CHATS', 'Many chats are starting right now. Please try again in 12 seconds.');
    };
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().formError).toBe('Many chats are starting right now. Please try again in 12 seconds.');
    expect(h.calls.prepared).toBe(2);
  });

  test('refuses invalid input with one message per field and calls no backend', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('email', 'not-an-email');
    expect(await h.store.submit()).toBe(false);
    const { fieldErrors, phase } = h.store.getState();
    expect(phase).toBe('form');
    expect(Object.keys(fieldErrors).sort()).toStrictEqual(['email', 'friendlyName', 'query']);
    expect(fieldErrors.email ?? '').toMatch(/valid email/);
    expect(h.calls.init.length).toBe(0);
  });

  test('with a captcha configured, asks for it before starting, sends its token once, and shows it afresh after use', async () => {
    const h = harness();
    h.captcha = { provider: 'turnstile', siteKey: 'site-key', scriptUrl: 'https://captcha.example/api.js', global: 'turnstile' };
    await h.store.start();
    await flush();
    expect(h.store.getState().captcha).toStrictEqual(h.captcha);
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().formError).toMatch(/not a robot/);
    expect(h.calls.init.length).toBe(0);
    h.api.init = async () => {
      throw new ApiError(403, 'CAPTCHA_FAILED', 'The robot check did not pass. Please try it again.');
    };
    h.store.setCaptchaToken('token-1');
    expect(await h.store.submit()).toBe(false);
    expect(h.calls.captchaTokens).toStrictEqual(['token-1']);
    expect(h.store.getState()).toMatchObject({ captchaToken: null, captchaRound: 1, formError: 'The robot check did not pass. Please try it again.' });
  });

  test('editing a field clears only that field’s error', async () => {
    const h = harness();
    await h.store.start();
    await h.store.submit();
    h.store.setField('friendlyName', 'Jane');
    expect(Object.keys(h.store.getState().fieldErrors).sort()).toStrictEqual(['email', 'query']);
  });

  test('sends trimmed values and saves the session once the chat exists', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('friendlyName', '  Jane ');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', ' I need help ');
    await h.store.submit();
    expect(h.calls.init).toStrictEqual([{ friendlyName: 'Jane', email: 'jane@example.com', query: 'I need help' }]);
    expect(h.sessions.saved?.identity).toBe(VISITOR);
    expect(h.store.getState().phase).toBe('chat');
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
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().fieldErrors.email).toBe('That email domain cannot receive mail.');
    expect(h.store.getState().phase).toBe('form');
    expect(h.sessions.saved).toBe(null);
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
    expect(state.phase).toBe('form');
    expect(state.formError ?? '').toMatch(/could not be started/);
    expect(state.formValues.query).toBe('Hi');
  });

  test('skips the form for a prefilled visitor when configured', async () => {
    const h = harness({
      preEngagement: { skip: true, prefill: { friendlyName: 'Jane', email: 'jane@example.com', query: 'Order 42' } },
    });
    await h.store.start();
    expect(h.calls.init.length).toBe(1);
    expect(h.store.getState().phase).toBe('chat');
  });

  test('shows the prefilled form when the prefill is not valid', async () => {
    const h = harness({ preEngagement: { skip: true, prefill: { friendlyName: 'Jane' } } });
    await h.store.start();
    expect(h.calls.init.length).toBe(0);
    expect(h.store.getState().phase).toBe('form');
    expect(h.store.getState().formValues.friendlyName).toBe('Jane');
  });
});

describe('chat store: conversation', () => {
  test('loads the question and the welcome, read and without a new-messages marker', async () => {
    const h = harness();
    await startChat(h);
    const state = h.store.getState();
    expect(state.messages.map((m) => m.body)).toStrictEqual(['I need help', 'Welcome Jane!']);
    expect(state.firstUnreadIndex).toBe(null);
    expect(state.connection).toBe('connected');
  });

  test('marks messages read only while the visitor is looking', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hello, I am Alex'));
    expect(transport.read).toStrictEqual([]);
    expect(h.store.getState().unreadCount).toBe(1);
    expect(h.store.getState().firstUnreadIndex).toBe(2);
    h.store.setAttention(true);
    await flush();
    expect(transport.read).toStrictEqual([2]);
    expect(h.store.getState().unreadCount).toBe(0);
    transport.emit('messageAdded', message(3, AGENT, 'How can I help?'));
    expect(transport.read).toStrictEqual([2, 3]);
  });

  test('keeps the marker while the visitor reads, and drops it after they reply', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('messageAdded', message(2, AGENT, 'Hi'));
    h.store.setAttention(true);
    expect(h.store.getState().firstUnreadIndex).toBe(2);
    expect(await h.store.send('Thanks')).toBe(true);
    expect(h.store.getState().firstUnreadIndex).toBe(null);
    expect(transport.sent).toStrictEqual([{ body: 'Thanks' }]);
  });

  test('tracks who is typing, ignoring the visitor’s own echo', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('typingStarted', participant(AGENT, 'Alex'));
    transport.emit('typingStarted', participant(VISITOR, 'Jane'));
    expect(h.store.getState().typing).toStrictEqual([AGENT]);
    transport.emit('messageAdded', message(2, AGENT, 'Hi'));
    expect(h.store.getState().typing).toStrictEqual([]);
  });

  test('forwards the visitor’s typing only while connected', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.store.typing();
    transport.emit('connectionState', 'connecting');
    h.store.typing();
    expect(transport.typingCalls).toBe(1);
  });

  test('computes the read receipt from other participants’ read horizons', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('participantJoined', participant(AGENT, 'Alex', null));
    expect(h.store.getState().othersReadIndex).toBe(null);
    transport.emit('participantUpdated', participant(AGENT, null, 1));
    expect(h.store.getState().othersReadIndex).toBe(1);
    // A name once known survives an update that carries none.
    expect(h.store.getState().knownNames[AGENT]).toBe('Alex');
  });

  test('shows a banner while reconnecting and "restored" briefly afterwards', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('connectionState', 'connecting');
    expect(h.store.getState().banner).toBe('reconnecting');
    expect(h.store.canSend()).toBe(false);
    transport.emit('connectionState', 'connected');
    expect(h.store.getState().banner).toBe('restored');
    h.clock.advance(5_000);
    expect(h.store.getState().banner).toBe(null);
  });

  test('pages older messages in before the oldest one', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(40, VISITOR, 'latest')], hasOlder: true } };
      t.older = { messages: Array.from({ length: 40 }, (_, i) => message(i, AGENT, `old ${i}`)), hasOlder: true };
    });
    await startChat(h);
    await h.store.loadOlder();
    const { messages, hasOlder } = h.store.getState();
    expect(messages.length).toBe(31);
    expect(messages[0]?.index).toBe(10);
    expect(hasOlder).toBe(true);
  });

  test('leaves a replayed older message to paging instead of showing it out of order', async () => {
    const h = harness({}, (t) => {
      t.snapshot = { ...t.snapshot, latest: { messages: [message(40, VISITOR, 'latest')], hasOlder: true } };
    });
    const transport = await startChat(h);
    transport.emit('messageAdded', message(3, AGENT, 'old 3'));
    transport.emit('messageAdded', message(41, AGENT, 'new'));
    expect(h.store.getState().messages.map((m) => m.index)).toStrictEqual([40, 41]);
  });

  test('keeps messages that arrived between the snapshot and its display', async () => {
    const h = harness({}, (t) => {
      const connect = t.connect.bind(t);
      t.connect = async () => {
        const snapshot = await connect();
        t.emit('messageAdded', message(2, AGENT, 'just in'));
        return snapshot;
      };
    });
    await startChat(h);
    expect(h.store.getState().messages.map((m) => m.body)).toStrictEqual(['I need help', 'Welcome Jane!', 'just in']);
  });

  test('ends the chat when the visitor is removed from the conversation', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.emit('removed', undefined);
    expect(h.store.getState().phase).toBe('ended');
    expect(h.sessions.saved).toBe(null);
  });

  test('keeps the text when sending fails and says so', async () => {
    const h = harness();
    const transport = await startChat(h);
    transport.sendError = new Error('offline');
    expect(await h.store.send('Hello?')).toBe(false);
    expect(h.store.getState().sendError ?? '').toMatch(/not sent/);
  });

  test('never lets a site configure a longer message than Twilio delivers (32 KB of UTF-8)', () => {
    const { maxMessageLength } = resolveAppConfig({ maxMessageLength: 1_000_000 });
    expect(new TextEncoder().encode('中'.repeat(maxMessageLength)).length).toBeLessThanOrEqual(32 * 1024);
    expect(resolveAppConfig({}).maxMessageLength).toBe(2000);
  });

  test('refuses a message over the maximum length', async () => {
    const h = harness({ maxMessageLength: 5 });
    const transport = await startChat(h);
    expect(await h.store.send('123456')).toBe(false);
    expect(transport.sent).toStrictEqual([]);
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
    expect(attachments.map((a) => a.name)).toStrictEqual(['a.png', 'd.PNG']);
    expect(attachmentErrors.length).toBe(3);
    expect(attachmentErrors[0] ?? '').toMatch(/b\.exe.*allowed types are png, pdf/);
    expect(attachmentErrors[1] ?? '').toMatch(/c\.pdf.*too large/);
    expect(attachmentErrors[2] ?? '').toMatch(/at most 2 files/);
  });

  test('refuses every file when attachments are disabled', async () => {
    const h = harness({ fileAttachment: { enabled: false } });
    await startChat(h);
    h.store.addFiles([file('a.png', 10)]);
    expect(h.store.getState().attachments.length).toBe(0);
    expect(h.store.getState().attachmentErrors.length).toBe(1);
  });

  test('sends files with the text in one message, then clears the chips', async () => {
    const h = harness();
    const transport = await startChat(h);
    h.store.addFiles([file('photo.png', 10)]);
    expect(await h.store.send('see attached')).toBe(true);
    expect(transport.sent[0]?.body).toBe('see attached');
    expect(transport.sent[0]?.files?.map((f) => [f.name, f.contentType])).toStrictEqual([['photo.png', 'image/png']]);
    expect(h.store.getState().attachments.length).toBe(0);
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
      throw new ApiError(403, 'NOT_A_PARTICIPANT', 'no');
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
