import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { defined } from '../support/defined';
import { decodeJwt } from 'jose';
import { handler } from '../../functions/initWebchat';
import { startTestBackend, type TestBackend } from '../support/backend';
import { captureConsole } from '../support/console-capture';
import { ALLOWED_ORIGIN } from '../support/fixtures';
import { functionContext, invoke } from '../support/function-runtime';

const form = { friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Where is my order?' };
const fromShop = { origin: ALLOWED_ORIGIN, 'content-type': 'application/json' };

describe('initWebchat (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());

  const start = (body: Record<string, unknown> = { formData: form }, headers: Record<string, string> = fromShop) =>
    invoke(handler, backend.context, body, headers);

  it('starts a Flex web chat and answers a token for the visitor', async () => {
    const answer = await start();
    expect(answer.status).toBe(200);
    expect(answer.headers['Access-Control-Allow-Origin']).toBe(ALLOWED_ORIGIN);
    expect(answer.headers.Vary).toBe('Origin');
    const { token, conversationSid, identity, expiration, transport } = answer.body as Record<string, string>;
    expect(conversationSid ?? '').toMatch(/^CH[0-9a-f]{32}$/);
    const claims = decodeJwt(token ?? '') as { grants?: { identity?: string; chat?: { service_sid?: string } }; iss?: string; sub?: string };
    expect(claims.grants?.identity).toBe(identity);
    expect(claims.grants?.chat?.service_sid).toBe(backend.env.CONVERSATIONS_SERVICE_SID);
    expect(claims.iss).toBe(backend.env.API_KEY);
    expect(claims.sub).toBe(backend.env.ACCOUNT_SID);
    expect(Date.parse(expiration ?? '') > Date.now()).toBeTruthy();
    expect(transport).toStrictEqual({ websocketUri: `${backend.env.TWILIO_API_BASE_URL?.replace(/^http/, 'ws')}/v3/wsconnect` });
  });

  it('creates the chat through Flex with the address and the pre-engagement data', async () => {
    await start({ formData: { ...form, plan: 'pro' } });
    const webChat = defined((await backend.emulator.twilioCalls()).find((call) => call.path === '/v2/WebChats'));
    expect(webChat.params.AddressSid).toBe(backend.env.ADDRESS_SID);
    expect(webChat.params.CustomerFriendlyName).toBe('Ada Lovelace');
    expect(webChat.params.ChatFriendlyName).toBe('Chat with Ada Lovelace');
    expect(JSON.parse(String(webChat.params.PreEngagementData))).toStrictEqual({
      plan: 'pro', friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Where is my order?', question: 'Where is my order?',
    });
  });

  it('posts the question with webhooks on, then the Concierge welcome with webhooks off', async () => {
    const answer = await start();
    const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
    expect((conversation.attributes.pre_engagement_data as { question?: string }).question).toStrictEqual('Where is my order?');
    expect(conversation.messages.map(({ author, body, webhookEnabled }) => ({ author, body, webhookEnabled }))).toStrictEqual([
        { author: answer.body.identity, body: 'Where is my order?', webhookEnabled: true },
        { author: 'Concierge', body: 'Welcome Ada Lovelace! An agent will be with you in just a moment.', webhookEnabled: false },
      ]);
  });

  it('posts only the welcome when the visitor asked nothing', async () => {
    const answer = await start({ formData: { friendlyName: 'Ada' } });
    const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
    expect(conversation.messages.map((message) => message.author)).toStrictEqual(['Concierge']);
  });

  it('posts no welcome when WELCOME_MESSAGE is empty', async () => {
    const context = functionContext({ ...backend.env, WELCOME_MESSAGE: '' });
    const answer = await invoke(handler, context, { formData: form }, fromShop);
    const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
    expect(conversation.messages.map((message) => message.author)).toStrictEqual([answer.body.identity]);
  });

  it('accepts a form-encoded body', async () => {
    const answer = await start({ 'formData[friendlyName]': 'Ada', 'formData[query]': 'Hello' }, { origin: ALLOWED_ORIGIN });
    expect(answer.status).toBe(200);
  });

  describe('refuses, without calling Twilio,', () => {
    const refusals: [string, Record<string, unknown>, Record<string, string>, number, string, string?][] = [
      ['a page that is not allowed', { formData: form }, { origin: 'https://evil.example.com' }, 403, 'ORIGIN_NOT_ALLOWED'],
      ['a request without an Origin', { formData: form }, {}, 403, 'ORIGIN_NOT_ALLOWED'],
      ['a request without a form', {}, fromShop, 400, 'INVALID_FIELD', 'formData'],
      ['a form that is a list', { formData: [] }, fromShop, 400, 'INVALID_FIELD', 'formData'],
      ['a bad email', { formData: { ...form, email: 'ada@' } }, fromShop, 400, 'INVALID_FIELD', 'formData.email'],
      ['a name too long', { formData: { ...form, friendlyName: 'n'.repeat(101) } }, fromShop, 400, 'INVALID_FIELD', 'formData.friendlyName'],
      ['a question too long', { formData: { ...form, query: 'q'.repeat(2001) } }, fromShop, 400, 'INVALID_FIELD', 'formData.query'],
      ['a question that is not text', { formData: { ...form, query: { $gt: '' } } }, fromShop, 400, 'INVALID_FIELD', 'formData.query'],
      ['an unknown parameter', { formData: form, AddressSid: 'IG0' }, fromShop, 400, 'INVALID_REQUEST'],
      ['a badly named extra field', { formData: { ...form, 'x y': '1' } }, fromShop, 400, 'INVALID_FIELD', 'formData.x y'],
    ];
    for (const [what, body, headers, status, code, field] of refusals) {
      it(what, async () => {
        const answer = await start(body, headers);
        expect(answer.status).toBe(status);
        expect(answer.body).toStrictEqual({ error: { code, message: (answer.body.error as { message: string }).message, ...(field ? { field } : {}) } });
        expect(await backend.emulator.twilioCalls()).toStrictEqual([]);
      });
    }

    it('a deployment whose settings are wrong, naming the variable', async () => {
      const context = functionContext({ ...backend.env, ADDRESS_SID: backend.env.CONVERSATIONS_SERVICE_SID as string });
      const answer = await invoke(handler, context, { formData: form }, fromShop);
      expect(answer.status).toBe(500);
      expect((answer.body.error as { code: string }).code).toBe('CONFIGURATION_ERROR');
      expect((answer.body.error as { message: string }).message).toMatch(/ADDRESS_SID/);
      expect(await backend.emulator.twilioCalls()).toStrictEqual([]);
    });
  });

  describe('when Twilio fails', () => {
    it('answers 502 TWILIO_ERROR when Flex refuses to create the chat, and logs Twilio\'s code only', async () => {
      await backend.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', status: 400, code: 50100, message: 'Invalid address' });
      const { result: answer, output } = await captureConsole(() => start());
      expect(answer.status).toBe(502);
      expect((answer.body.error as { code: string }).code).toBe('TWILIO_ERROR');
      expect(output).toMatch(/"twilioCode":50100/);
      expect(output).not.toMatch(new RegExp(`${backend.env.API_SECRET}|${backend.env.AUTH_TOKEN}|eyJ`));
    });

    it('answers 504 TWILIO_TIMEOUT instead of running past the Function\'s time limit', async () => {
      await backend.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', delayMs: 4000, times: 1 });
      const { result: answer } = await captureConsole(() => start());
      expect(answer.status).toBe(504);
      expect((answer.body.error as { code: string }).code).toBe('TWILIO_TIMEOUT');
    });

    it('closes the new conversation and answers QUESTION_NOT_DELIVERED when the question cannot be posted', async () => {
      await backend.emulator.fault({ method: 'POST', path: '/Messages$', status: 500, code: 20500, times: 1 });
      const { result: answer, output } = await captureConsole(() => start());
      expect(answer.status).toBe(502);
      expect((answer.body.error as { code: string }).code).toBe('QUESTION_NOT_DELIVERED');
      const [webChat] = (await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats');
      expect(webChat).toBeTruthy();
      const closed = defined((await backend.emulator.twilioCalls()).find((call) => call.params.State === 'closed'));
      const sid = /Conversations\/(CH[0-9a-f]{32})/.exec(closed.path)?.[1] ?? '';
      const conversation = await backend.emulator.conversation(sid);
      expect(conversation.state).toBe('closed');
      expect(conversation.messages).toStrictEqual([]);
      expect(output).toMatch(new RegExp(`question not posted; conversation closed.*${sid}`));
    });

    it('still starts the chat when only the welcome fails, and logs it', async () => {
      await backend.emulator.fault({ method: 'POST', path: '/Messages$', status: 503, code: 20503, skip: 1 });
      const { result: answer, output } = await captureConsole(() => start());
      expect(answer.status).toBe(200);
      const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
      expect(conversation.messages.map((message) => message.author)).toStrictEqual([answer.body.identity]);
      expect(output).toMatch(/welcome message not posted/);
    });
  });
});
