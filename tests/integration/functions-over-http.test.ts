import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { startStack, type TestStack } from '../support/stack';
import { solvedChallengeOverHttp } from '../support/challenge';

const SHOP = 'https://shop.example.com';

describe('the Functions served by twilio-run against the emulator', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  const post = (fn: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/${fn}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Origin: SHOP, ...headers } });
  /** Starts a chat as the widget does: a solved challenge from the same page, then the form. */
  const start = async (formData: Record<string, string>, origin = SHOP) =>
    post('initWebchat', JSON.stringify({ formData, ...(await solvedChallengeOverHttp(stack.baseUrl, origin)) }), { Origin: origin });

  it('deploys only the public endpoints, never the helpers', async () => {
    const files = await readdir(path.resolve(__dirname, '../../dist/functions'));
    expect(files.sort()).toStrictEqual(['challenge.js', 'emailTranscript.js', 'endChat.js', 'initWebchat.js', 'offlineMessage.js', 'rateChat.js', 'refreshToken.js', 'visitorChats.js', 'visitorTranscript.js', 'webchatConfig.js']);
    expect((await fetch(`${stack.baseUrl}/lib/config`, { method: 'POST' })).status).toBe(404);
  });

  it('starts a chat, then renews its token', async () => {
    const started = await start({ friendlyName: 'Ada', email: 'ada@example.com', query: 'Hello?' });
    expect(started.status).toBe(200);
    expect(started.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(started.headers.get('content-type') ?? '').toMatch(/application\/json/);
    const chat = (await started.json()) as { token: string; conversationSid: string; identity: string };
    const conversation = await stack.emulator.conversation(chat.conversationSid);
    expect(conversation.messages.map((message) => [message.author, message.webhookEnabled])).toStrictEqual([
      [chat.identity, true],
      ['Concierge', false],
    ]);

    const refreshed = await post('refreshToken', JSON.stringify({ token: chat.token, conversationSid: chat.conversationSid }));
    expect(refreshed.status).toBe(200);
    const { token } = (await refreshed.json()) as { token: string };
    expect((decodeJwt(token) as { grants: { identity: string } }).grants.identity).toBe(chat.identity);
  });

  it('serves the widget settings on a GET, as public JSON without any secret', async () => {
    const answer = await fetch(`${stack.baseUrl}/webchatConfig`, { headers: { Origin: SHOP } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type') ?? '').toMatch(/application\/json/);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
    const text = await answer.text();
    expect(JSON.parse(text)).toStrictEqual({ availability: { open: true } });
    for (const name of ['AUTH_TOKEN', 'API_SECRET', 'API_KEY', 'ACCOUNT_SID']) expect(text).not.toContain(stack.env[name]);
  });

  it('lets the local demo page start chats', async () => {
    const page = stack.baseUrl;
    const answer = await start({ query: 'Hi' }, page);
    expect(answer.status).toBe(200);
  });

  it('refuses other origins with 403, readable by that page, and creates nothing', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', JSON.stringify({ formData: { query: 'Hi' } }), { Origin: 'https://evil.example.com' });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(await answer.json()).toStrictEqual({ error: { code: 'ORIGIN_NOT_ALLOWED', message: 'The origin https://evil.example.com is not allowed to use this chat.' } });
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });

  it('leaves preflights to the runtime, as Twilio does, and checks the origin on the real request', async () => {
    const preflight = await fetch(`${stack.baseUrl}/initWebchat`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses broken JSON with a 4xx and creates nothing', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', '{"formData": {"query": ');
    expect(answer.status).toBe(400);
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });

  it('refuses a body that is not the form with 400 naming the field', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', JSON.stringify({ formData: { email: 'nope' } }));
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { field: string } }).error.field).toBe('formData.email');
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });

  it('refuses an oversized body with a 4xx', async () => {
    const answer = await post('initWebchat', JSON.stringify({ formData: { query: 'q'.repeat(200_000) } }));
    expect(answer.status >= 400 && answer.status < 500).toBeTruthy();
  });

  describe('never lets a caller choose the headers the Function checks', () => {
    const form = { query: 'Hi' };
    const spoofs: [string, () => Promise<Response>][] = [
      ['a query string', () => fetch(`${stack.baseUrl}/initWebchat?request[headers][origin]=${encodeURIComponent(SHOP)}`, {
        method: 'POST', body: JSON.stringify({ formData: form }), headers: { 'Content-Type': 'application/json' },
      })],
      ['a form body', () => fetch(`${stack.baseUrl}/initWebchat`, {
        method: 'POST',
        body: new URLSearchParams({ 'request[headers][origin]': SHOP, 'request[cookies][a]': 'b', formData: JSON.stringify(form) }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example.com' },
      })],
      ['a JSON body', () => fetch(`${stack.baseUrl}/initWebchat`, {
        method: 'POST',
        body: JSON.stringify({ formData: form, request: { headers: { origin: SHOP }, cookies: {} } }),
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example.com' },
      })],
    ];
    for (const [what, send] of spoofs) {
      it(`refuses an Origin forged in ${what} and creates nothing`, async () => {
        await stack.emulator.reset();
        const answer = await send();
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.com');
        expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
      });
    }

    it('refuses two Origin headers with 400, even when one is allowed', async () => {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(`${stack.baseUrl}/challenge`, { method: 'POST' }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        });
        request.on('error', reject);
        request.setHeader('Content-Type', 'application/json');
        // An array sends the header twice, as a proxy that adds its own would.
        request.setHeader('Origin', [SHOP, 'https://evil.example.com']);
        request.end('{}');
      });
      expect(status).toBe(400);
      expect(body).toMatch(/2 origin headers/);
    });
  });
});
