import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { startStack, type TestStack } from '../support/stack';

const SHOP = 'https://shop.example.com';

describe('the Functions served by twilio-run against the emulator', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack?.stop());

  const post = (fn: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/${fn}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Origin: SHOP, ...headers } });

  it('deploys only the public endpoints, never the helpers', async () => {
    const files = await readdir(path.resolve(__dirname, '../../dist/functions'));
    assert.deepEqual(files.sort(), ['initWebchat.js', 'refreshToken.js']);
    assert.equal((await fetch(`${stack.baseUrl}/lib/config`, { method: 'POST' })).status, 404);
  });

  it('starts a chat, then renews its token', async () => {
    const started = await post('initWebchat', JSON.stringify({ formData: { friendlyName: 'Ada', email: 'ada@example.com', query: 'Hello?' } }));
    assert.equal(started.status, 200);
    assert.equal(started.headers.get('access-control-allow-origin'), SHOP);
    assert.match(started.headers.get('content-type') ?? '', /application\/json/);
    const chat = (await started.json()) as { token: string; conversationSid: string; identity: string };
    const conversation = await stack.emulator.conversation(chat.conversationSid);
    assert.deepEqual(conversation.messages.map((message) => [message.author, message.webhookEnabled]), [
      [chat.identity, true],
      ['Concierge', false],
    ]);

    const refreshed = await post('refreshToken', JSON.stringify({ token: chat.token, conversationSid: chat.conversationSid }));
    assert.equal(refreshed.status, 200);
    const { token } = (await refreshed.json()) as { token: string };
    assert.equal((decodeJwt(token) as { grants: { identity: string } }).grants.identity, chat.identity);
  });

  it('lets the local demo page start chats', async () => {
    const page = stack.baseUrl;
    const answer = await post('initWebchat', JSON.stringify({ formData: { query: 'Hi' } }), { Origin: page });
    assert.equal(answer.status, 200);
  });

  it('refuses other origins with 403 and creates nothing', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', JSON.stringify({ formData: { query: 'Hi' } }), { Origin: 'https://evil.example.com' });
    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(await answer.json(), { error: { code: 'ORIGIN_NOT_ALLOWED', message: 'The origin https://evil.example.com is not allowed to use this chat.' } });
    assert.deepEqual(await stack.emulator.twilioCalls(), []);
  });

  it('leaves preflights to the runtime, as Twilio does, and checks the origin on the real request', async () => {
    const preflight = await fetch(`${stack.baseUrl}/initWebchat`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  });

  it('refuses broken JSON with a 4xx and creates nothing', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', '{"formData": {"query": ');
    assert.equal(answer.status, 400);
    assert.deepEqual(await stack.emulator.twilioCalls(), []);
  });

  it('refuses a body that is not the form with 400 naming the field', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', JSON.stringify({ formData: { email: 'nope' } }));
    assert.equal(answer.status, 400);
    assert.equal(((await answer.json()) as { error: { field: string } }).error.field, 'formData.email');
    assert.deepEqual(await stack.emulator.twilioCalls(), []);
  });

  it('refuses an oversized body with a 4xx', async () => {
    const answer = await post('initWebchat', JSON.stringify({ formData: { query: 'q'.repeat(200_000) } }));
    assert.ok(answer.status >= 400 && answer.status < 500, `status ${answer.status}`);
  });
});
