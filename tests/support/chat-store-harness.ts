/**
 * A ChatStore wired to fakes for the store's unit tests: sessions in memory, a clock moved by
 * hand, a scripted backend and FakeChatTransport (tests/support/fake-chat-transport.ts).
 */
import { expect } from '@jest/globals';
import { defined } from './defined';
import type { CaptchaDescription, EndChatAnswer, RefreshTokenAnswer } from '../../contract/api';
import type { Availability } from '../../contract/contact-center-api';
import type { WebchatApi } from '../../widget-src/api/client';
import type { StartForm } from '../../widget-src/app/form/start-form-chunk';
import { formData, validateForm } from '../../widget-src/app/form/validate-form';
import { startErrorMessage } from '../../widget-src/app/store/visitor-texts';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import type { SessionStore } from '../../widget-src/app/store/chat-state';
import { ChatStore } from '../../widget-src/app/store/chat-store';
import type { Clock } from '../../widget-src/app/store/clock';
import type { WebchatConfig } from '../../widget-src/common/config';
import type { ChatSession } from '../../widget-src/transport/chat-transport';
import { FakeChatTransport, session } from './fake-chat-transport';

export class MemorySessions implements SessionStore {
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

export class ManualClock implements Clock {
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

export interface Harness {
  store: ChatStore;
  sessions: MemorySessions;
  clock: ManualClock;
  transports: FakeChatTransport[];
  calls: {
    prepared: number;
    init: Array<Record<string, string>>;
    captchaTokens: Array<string | undefined>;
    refresh: Array<{ token: string; conversationSid: string }>;
    end: Array<{ token: string; conversationSid: string }>;
  };
  /** The captcha the site has, as the challenge answer would say. */
  captcha: CaptchaDescription | null;
  api: {
    init: (data: Record<string, string>) => Promise<ChatSession>;
    refresh: () => Promise<RefreshTokenAnswer>;
    end: () => Promise<EndChatAnswer>;
    /** The signed-in visitor's open chat (`visitorChats`); undefined for anonymous visitors. */
    signedIn: () => Promise<ChatSession | null | undefined>;
  };
  /** The form's rules and texts, as the start-form chunk gives them. */
  startForm: () => Promise<StartForm>;
}

export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `availability` is what the deployment's settings said (none: open). */
export function harness(config: WebchatConfig = {}, prepare?: (transport: FakeChatTransport) => void, availability: Availability | null = null): Harness {
  const clock = new ManualClock();
  const sessions = new MemorySessions();
  const transports: FakeChatTransport[] = [];
  const calls: Harness['calls'] = { prepared: 0, init: [], captchaTokens: [], refresh: [], end: [] };
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
      end: async () => ({ state: 'closed' }),
      signedIn: async () => undefined,
    },
    startForm: async () => ({ validateForm, formData, startErrorMessage }),
  };
  const api: WebchatApi = {
    emailTranscript: () => Promise.reject(new Error('not in these tests')),
    visitorChats: () => Promise.reject(new Error('not in these tests')),
    visitorTranscript: () => Promise.reject(new Error('not in these tests')),
    offlineMessage: () => Promise.reject(new Error('not in these tests')),
    rateChat: () => Promise.reject(new Error('not in these tests')),
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
    endChat: (token, conversationSid) => {
      calls.end.push({ token, conversationSid });
      return h.api.end();
    },
    signedInChat: () => h.api.signedIn(),
  };
  h.store = new ChatStore({
    config: resolveAppConfig(config),
    api,
    startForm: () => h.startForm(),
    availability,
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

export async function startChat(h: Harness): Promise<FakeChatTransport> {
  await h.store.start();
  h.store.setField('friendlyName', 'Jane');
  h.store.setField('email', 'jane@example.com');
  h.store.setField('query', 'I need help');
  expect(await h.store.submit()).toBe(true);
  return defined(h.transports.at(-1));
}
