import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { defined } from '../support/defined';
import { decodeJwt } from 'jose';
import { handler } from '../../functions/initWebchat';
import { handler as challengeHandler } from '../../functions/challenge';
import { startTestBackend, type TestBackend } from '../support/backend';
import { ALLOWED_ORIGIN } from '../support/fixtures';
import { functionContext, invoke } from '../support/function-runtime';
import { solvedChallenge } from '../support/challenge';
import { form, fromShop, startIn } from '../support/init-webchat';


describe('initWebchat (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());

  const start = (body: Record<string, unknown> = { formData: form }, headers: Record<string, string> = fromShop) =>
    startIn(backend.context, body, headers);

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
      plan: 'pro', friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Where is my order?', question: 'Where is my order?', chat_language: 'en',
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

  it('welcomes in the language the widget says the visitor reads, and the chat keeps that language', async () => {
    const answer = await start({ formData: form, language: 'de-AT' });
    const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
    expect((conversation.attributes.pre_engagement_data as { chat_language?: string }).chat_language).toBe('de');
    // The test deployment sets one text for every language.
    expect(conversation.messages[1]?.body).toBe('Welcome Ada Lovelace! An agent will be with you in just a moment.');
    const built = await startIn(functionContext(Object.fromEntries(Object.entries(backend.env).filter(([name]) => name !== 'WELCOME_MESSAGE'))), { formData: form, language: 'ar' }, fromShop);
    expect((await backend.emulator.conversation(String(built.body.conversationSid))).messages[1]?.body).toBe('شكرًا على رسالتك. سينضم إليك أحد موظفينا خلال لحظات.');
    const mapped = await startIn(functionContext({ ...backend.env, WELCOME_MESSAGE: '{"en":"Hello {friendlyName}.","fr":"Bonjour {friendlyName}."}' }), { formData: form, language: 'fr' }, fromShop);
    expect((await backend.emulator.conversation(String(mapped.body.conversationSid))).messages[1]?.body).toBe('Bonjour Ada Lovelace.');
    const fallback = await startIn(functionContext({ ...backend.env, WELCOME_MESSAGE: '{"en":"Hello {friendlyName}."}' }), { formData: form, language: 'es' }, fromShop);
    expect((await backend.emulator.conversation(String(fallback.body.conversationSid))).messages[1]?.body).toBe('Hello Ada Lovelace.');
  });

  it('refuses a language that is no language tag with 400 naming the field', async () => {
    const answer = await start({ formData: form, language: '<script>' });
    expect([answer.status, (answer.body.error as { field?: string }).field]).toStrictEqual([400, 'language']);
  });

  it('posts no welcome when WELCOME_MESSAGE is empty', async () => {
    const answer = await startIn(functionContext({ ...backend.env, WELCOME_MESSAGE: '' }), { formData: form }, fromShop);
    const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
    expect(conversation.messages.map((message) => message.author)).toStrictEqual([answer.body.identity]);
  });

  it('accepts a form-encoded body', async () => {
    const formEncoded = { origin: ALLOWED_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' };
    const answer = await start({ 'formData[friendlyName]': 'Ada', 'formData[query]': 'Hello' }, formEncoded);
    expect(answer.status).toBe(200);
  });

  describe('refuses, without calling Twilio,', () => {
    const refusals: [string, Record<string, unknown>, Record<string, string>, number, string, string?][] = [
      ['a page that is not allowed', { formData: form }, { ...fromShop, origin: 'https://evil.example.com' }, 403, 'ORIGIN_NOT_ALLOWED'],
      ['a request without an Origin', { formData: form }, { 'content-type': 'application/json' }, 403, 'ORIGIN_NOT_ALLOWED'],
      ['a request without a body (not a POST)', { formData: form }, { origin: ALLOWED_ORIGIN }, 405, 'METHOD_NOT_ALLOWED'],
      ['a body that is neither JSON nor a form', { formData: form }, { ...fromShop, 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a request without a form', {}, fromShop, 400, 'INVALID_FIELD', 'formData'],
      ['a form that is a list', { formData: [] }, fromShop, 400, 'INVALID_FIELD', 'formData'],
      ['a bad email', { formData: { ...form, email: 'ada@' } }, fromShop, 400, 'INVALID_FIELD', 'formData.email'],
      ['a name too long', { formData: { ...form, friendlyName: 'n'.repeat(101) } }, fromShop, 400, 'INVALID_FIELD', 'formData.friendlyName'],
      ['a question too long', { formData: { ...form, query: 'q'.repeat(2001) } }, fromShop, 400, 'INVALID_FIELD', 'formData.query'],
      ['a question that is not text', { formData: { ...form, query: { $gt: '' } } }, fromShop, 400, 'INVALID_FIELD', 'formData.query'],
      ['an unknown parameter', { formData: form, AddressSid: 'IG0' }, fromShop, 400, 'INVALID_REQUEST'],
      ['no challenge', { formData: form, challenge: undefined, solution: undefined }, fromShop, 400, 'CHALLENGE_REQUIRED', 'challenge'],
      ['a forged challenge', { formData: form, challenge: 'e30.c2ln', solution: '0,0,0,0,0,0,0,0' }, fromShop, 400, 'CHALLENGE_INVALID', 'challenge'],
      ['a solution that is not a number', { formData: form, solution: 'x' }, fromShop, 400, 'INVALID_FIELD', 'solution'],
      ['a start key of the wrong shape', { formData: form, startId: 'short' }, fromShop, 400, 'INVALID_FIELD', 'startId'],
      ['an attempt that is not a count', { formData: form, startId: 'k'.repeat(32), attempt: 'two' }, fromShop, 400, 'INVALID_FIELD', 'attempt'],
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
      const answer = await startIn(context, { formData: form }, fromShop);
      expect(answer.status).toBe(500);
      expect((answer.body.error as { code: string }).code).toBe('CONFIGURATION_ERROR');
      expect((answer.body.error as { message: string }).message).toMatch(/ADDRESS_SID/);
      expect(await backend.emulator.twilioCalls()).toStrictEqual([]);
    });
  });

  describe('refuses forged requests, without calling Twilio:', () => {
    it('a parameter named request that replaces the headers (as a query string or form would send it)', async () => {
      const event = { formData: form, request: { headers: { origin: ALLOWED_ORIGIN } }, ...(await solvedChallenge(backend.context, fromShop)) };
      const answer = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        handler(backend.context, event, (error, response) => {
          const raw = response as unknown as { statusCode: number; body: Record<string, unknown> };
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve({ status: raw.statusCode, body: raw.body });
        }).catch(reject);
      });
      expect(answer.status).toBe(400);
      expect((answer.body.error as { message: string }).message).toMatch(/"request"/);
      expect(await backend.emulator.twilioCalls()).toStrictEqual([]);
    });

    it('two Origin headers', async () => {
      const answer = await invoke(handler, backend.context, { formData: form }, { ...fromShop, origin: [ALLOWED_ORIGIN, 'https://evil.example.com'] });
      expect(answer.status).toBe(400);
      expect((answer.body.error as { message: string }).message).toMatch(/2 origin headers/);
      expect(await backend.emulator.twilioCalls()).toStrictEqual([]);
    });

    it('a challenge issued to another allowed page', async () => {
      const other = { ...fromShop, origin: 'http://localhost:3000' };
      const answer = await invoke(handler, backend.context, { formData: form, ...(await solvedChallenge(backend.context, other)) }, fromShop);
      expect(answer.status).toBe(400);
      expect((answer.body.error as { code: string }).code).toBe('CHALLENGE_INVALID');
      expect(await backend.emulator.twilioCalls()).toStrictEqual([]);
    });

    it('extra fields that are each allowed but together too large (413, not a Twilio error)', async () => {
      const extra = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, 'ü'.repeat(500)]));
      const answer = await start({ formData: { ...form, ...extra } });
      expect(answer.status).toBe(413);
      expect((answer.body.error as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
      expect((await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats')).toStrictEqual([]);
    });
  });

  describe('limits bulk starts', () => {
    it('starts one chat per challenge: a replayed challenge is refused with 409 and creates nothing', async () => {
      const solved = await solvedChallenge(backend.context, fromShop);
      expect((await invoke(handler, backend.context, { formData: form, ...solved }, fromShop)).status).toBe(200);
      const replay = await invoke(handler, backend.context, { formData: form, ...solved }, fromShop);
      expect(replay.status).toBe(409);
      expect((replay.body.error as { code: string }).code).toBe('CHALLENGE_USED');
      expect((await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats')).toHaveLength(1);
    });

    it('does not count a replayed challenge toward the ceiling: one solved challenge cannot use up the minute', async () => {
      const context = functionContext({ ...backend.env, MAX_NEW_CHATS_PER_MINUTE: '2' });
      const solved = await solvedChallenge(context, fromShop);
      const replays = [];
      for (let i = 0; i < 4; i += 1) replays.push((await invoke(handler, context, { formData: form, ...solved }, fromShop)).status);
      expect(replays).toStrictEqual([200, 409, 409, 409]);
      expect((await startIn(context, { formData: form }, fromShop)).status).toBe(200);
    });

    // Five starts against a fresh ceiling: exactly as many as it allows start, the rest are told when to retry.
    // Each test has a ceiling of its own, since this instance remembers a full window.
    const expectCeilingHeld = async (answers: Awaited<ReturnType<typeof start>>[], ceiling: number) => {
      expect(answers.map((answer) => answer.status).sort()).toStrictEqual([...Array<number>(ceiling).fill(200), ...Array<number>(5 - ceiling).fill(429)]);
      for (const answer of answers.filter(({ status }) => status === 429)) {
        expect((answer.body.error as { code: string }).code).toBe('TOO_MANY_CHATS');
        expect(Number(answer.headers['Retry-After'])).toBeGreaterThan(0);
        expect(Number(answer.headers['Retry-After'])).toBeLessThanOrEqual(60);
      }
      expect((await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats')).toHaveLength(ceiling);
    };

    it('answers 429 with Retry-After once the deployment started MAX_NEW_CHATS_PER_MINUTE chats in the last 60 seconds', async () => {
      const context = functionContext({ ...backend.env, MAX_NEW_CHATS_PER_MINUTE: '2' });
      const answers = [];
      for (let i = 0; i < 5; i += 1) answers.push(await startIn(context, { formData: form }, fromShop));
      await expectCeilingHeld(answers, 2);
    });

    it('holds the ceiling when the starts arrive all at once (as from many instances)', async () => {
      const context = functionContext({ ...backend.env, MAX_NEW_CHATS_PER_MINUTE: '3' });
      await expectCeilingHeld(await Promise.all(Array.from({ length: 5 }, () => startIn(context, { formData: form }, fromShop))), 3);
    });
  });

  describe('with a captcha configured (the emulator stands in for the provider)', () => {
    const withCaptcha = () => functionContext({ ...backend.env, CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'site-key', CAPTCHA_SECRET_KEY: 'secret-key' });
    /** What the provider's widget yields on a page of `host`, from the emulator's stand-in script's rule. */
    const tokenSolvedOn = (host: string) => `emulated-captcha.${Buffer.from(host).toString('base64')}.${Math.random().toString(36).slice(2)}`;

    it('tells the widget which captcha to show, and never the secret key', async () => {
      const answer = await invoke(challengeHandler, withCaptcha(), {}, fromShop);
      expect(answer.body.captcha).toStrictEqual({
        provider: 'turnstile', siteKey: 'site-key', scriptUrl: `${backend.env.TWILIO_API_BASE_URL}/__captcha/api.js`, global: 'turnstile',
      });
      expect(JSON.stringify(answer.body)).not.toMatch(/secret-key/);
    });

    it('starts a chat with a token solved on the page\'s own host, once', async () => {
      const context = withCaptcha();
      const captchaToken = tokenSolvedOn('shop.example.com');
      expect((await startIn(context, { formData: form, captchaToken }, fromShop)).status).toBe(200);
      const again = await startIn(context, { formData: form, captchaToken }, fromShop);
      expect(again.status).toBe(403);
      expect((again.body.error as { code: string }).code).toBe('CAPTCHA_FAILED');
    });

    it('starts a chat without a token while the deployment is not under pressure', async () => {
      expect((await startIn(withCaptcha(), { formData: form }, fromShop)).status).toBe(200);
    });

    it.each([
      ['an empty token', '', 400, 'INVALID_FIELD'],
      ['a token the provider does not know', 'made-up', 403, 'CAPTCHA_FAILED'],
      ['a token solved on another site', tokenSolvedOn('evil.example.com'), 403, 'CAPTCHA_FAILED'],
    ])('refuses %s and creates nothing', async (_what, captchaToken, status, code) => {
      const answer = await startIn(withCaptcha(), { formData: form, captchaToken }, fromShop);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatchObject({ code, field: 'captchaToken' });
      expect((await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats')).toStrictEqual([]);
    });
  });
});
