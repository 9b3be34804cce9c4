import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { EN_CHAT } from '../../widget-src/app/i18n/en-chat';
import { emailTranscript } from '../../widget-src/app/transcript/email-transcript';
import type { ChatStore } from '../../widget-src/app/store/chat-store';
import { createApi } from '../../widget-src/api/client';
import { startCalls } from '../../widget-src/api/start-calls';
import { session } from '../support/fake-chat-transport';

const SERVER = 'https://functions.example.test';

function storeWith(current: ReturnType<typeof session> | null): ChatStore {
  return { backend: { session: current, api: createApi(SERVER, (call) => Promise.resolve(startCalls(call))) } } as unknown as ChatStore;
}

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const originalFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = originalFetch;
});

describe("the widget's transcript email request", () => {
  test('sends only the chat token and conversation to emailTranscript, never an address, then the code the visitor typed', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    const answers = [{ sent: 'code', to: 'ada@example.com', expiresAt: '2026-12-01T10:10:00.000Z' }, { sent: 'transcript', remaining: 2 }];
    globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: url instanceof Request ? url.url : url.toString(), body: JSON.parse(typeof init?.body === 'string' ? init.body : '') });
      return answer(200, answers[calls.length - 1]);
    });
    const chat = session();
    // First the address the code went to, then null: the transcript itself went out.
    expect(await emailTranscript(storeWith(chat))).toBe('ada@example.com');
    expect(await emailTranscript(storeWith(chat), '123456')).toBe(null);
    expect(calls).toStrictEqual([
      { url: `${SERVER}/emailTranscript`, body: { token: chat.token, conversationSid: chat.conversationSid } },
      { url: `${SERVER}/emailTranscript`, body: { token: chat.token, conversationSid: chat.conversationSid, code: '123456' } },
    ]);
  });

  test.each([
    ['NO_EMAIL_ADDRESS', 409, EN_CHAT['transcript.noEmail']],
    ['TOO_MANY_TRANSCRIPTS', 429, EN_CHAT['transcript.emailLimit']],
    ['TOO_MANY_EMAIL_CODES', 429, EN_CHAT['transcript.emailLimit']],
    ['EMAIL_CODE_WRONG', 403, EN_CHAT['transcript.codeWrong']],
    ['EMAIL_CODE_EXPIRED', 410, EN_CHAT['transcript.codeWrong']],
    ['INVALID_FIELD', 400, EN_CHAT['transcript.codeWrong']],
    ['EMAIL_NOT_SENT', 502, EN_CHAT['transcript.emailFailed']],
  ])('tells the visitor what %s means in their words', async (code, status, text) => {
    globalThis.fetch = jest.fn(async () => answer(status, { error: { code, message: 'server words' } }));
    await expect(emailTranscript(storeWith(session()))).rejects.toMatchObject({ code: 'EMAIL_NOT_SENT', message: text });
  });

  test('asks nothing when there is no chat session', async () => {
    const fetchSpy = jest.fn(async () => answer(200, {}));
    globalThis.fetch = fetchSpy;
    await expect(emailTranscript(storeWith(null))).rejects.toMatchObject({ message: EN_CHAT['transcript.emailFailed'] });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
