/**
 * Signed-in visitors through the gateway, twilio-run and the emulator: the site's identity token is
 * refused in every bad case with a clear 401, and a good one ties the visitor to their chats on any device.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, SignJWT } from 'jose';
import { startTestBackend, type TestBackend } from '../support/backend';
import { solvedChallengeOverHttp } from '../support/challenge';
import { IDENTITY_SECRET, signIdentity, unsignedIdentity, type IdentityClaims } from '../support/identity-token';
import { twilioAt } from '../../scripts/lib/twilio-at';
import { fromShop, startIn } from '../support/init-webchat';
import { startStack, type TestStack } from '../support/stack';

const SHOP = 'https://shop.example.com';
const FORM = { friendlyName: 'Typed Name', email: 'typed@example.com', query: 'Where is my order?' };

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

describe('signed-in visitors', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ VISITOR_IDENTITY_SECRET: IDENTITY_SECRET, SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret-0123', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' });
  });
  afterAll(() => stack?.stop());

  const post = (fn: string, body: object) =>
    fetch(`${stack.baseUrl}/${fn}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Origin: SHOP } });
  const sign = (claims: IdentityClaims, secret?: string) => signIdentity(stack.baseUrl, claims, secret);
  const start = async (identityToken: string, formData: Record<string, string> = FORM) =>
    post('initWebchat', { formData, identityToken, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
  const conversationCount = async () => (await twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '').conversations.v1.conversations.list()).length;

  describe('refuses every bad identity token with 401, starting nothing', () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, () => Promise<string>, string, RegExp]> = [
      ['another deployment\'s audience', () => signIdentity('https://twilio-webchat-9999.twil.io', { sub: 'u1' }), 'IDENTITY_TOKEN_INVALID', /another deployment/],
      ['an expired token', () => sign({ sub: 'u1', iat: now - 500, exp: now - 100 }), 'IDENTITY_TOKEN_EXPIRED', /expired/],
      ['a token not yet valid', () => sign({ sub: 'u1', nbf: now + 200 }), 'IDENTITY_TOKEN_INVALID', /not valid yet/],
      ['alg none', async () => unsignedIdentity({ sub: 'u1', aud: stack.baseUrl, iat: now, exp: now + 300 }), 'IDENTITY_TOKEN_INVALID', /algorithm \("none"\)/],
      [
        'an algorithm the deployment does not accept',
        () => new SignJWT({ sub: 'u1', aud: stack.baseUrl, iat: now, exp: now + 300 }).setProtectedHeader({ alg: 'HS384' }).sign(new TextEncoder().encode(IDENTITY_SECRET)),
        'IDENTITY_TOKEN_INVALID',
        /algorithm \("HS384"\)/,
      ],
      ['no sub', () => sign({}), 'IDENTITY_TOKEN_INVALID', /"sub"/],
      ['a lifetime over 10 minutes', () => sign({ sub: 'u1', exp: now + 3600 }), 'IDENTITY_TOKEN_INVALID', /10 minutes/],
      ['another secret', () => sign({ sub: 'u1' }, 'not-the-deployment-secret-but-as-long-as-it'), 'IDENTITY_TOKEN_INVALID', /signature/],
      ['an oversized token', async () => `${await sign({ sub: 'u1' })}${'A'.repeat(4096)}`, 'IDENTITY_TOKEN_INVALID', /longer than 4096/],
    ];

    it.each(cases)('%s', async (_case, token, code, message) => {
      const before = await conversationCount();
      const identityToken = await token();
      for (const [fn, body] of [
        ['initWebchat', { formData: FORM, identityToken, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) }],
        ['visitorChats', { identityToken }],
        ['refreshToken', { token: 'x', conversationSid: `CH${'0'.repeat(32)}`, identityToken }],
      ] as const) {
        const answer = await post(fn, body);
        const { error } = (await answer.json()) as { error: { code: string; message: string; field: string } };
        expect({ fn, status: answer.status, code: error.code, field: error.field }).toStrictEqual({ fn, status: 401, code, field: 'identityToken' });
        expect(error.message).toMatch(message);
      }
      expect(await conversationCount()).toBe(before);
    });
  });

  it('follows the visitor to another device, keeps others out, and lists and reads their chats', async () => {
    const ada = await sign({ sub: 'ada-1815', name: 'Ada Lovelace', email: 'ada@example.com' });
    const started = await start(ada);
    expect(started.status).toBe(200);
    const chat = (await started.json()) as Chat;
    const conversation = await stack.emulator.conversation(chat.conversationSid);
    // What the site vouches for replaces what was typed, and is marked for agents and Studio.
    expect(conversation.attributes.pre_engagement_data).toMatchObject({ friendlyName: 'Ada Lovelace', email: 'ada@example.com', verified: true, customer_id: expect.stringMatching(/^[\w-]{43}$/) });
    expect(JSON.stringify(conversation.attributes)).not.toContain('ada-1815');

    // Another device, the same user: the same chat, their question in it, a token for its identity.
    const again = await start(await sign({ sub: 'ada-1815' }), { query: 'Any news?' });
    const second = (await again.json()) as Chat;
    expect(second.conversationSid).toBe(chat.conversationSid);
    expect((decodeJwt(second.token) as { grants: { identity: string } }).grants.identity).toBe(chat.identity);
    expect((await stack.emulator.conversation(chat.conversationSid)).messages.filter((m) => m.author === chat.identity).map((m) => m.body)).toStrictEqual(['Where is my order?', 'Any news?']);
    const listed = (await (await post('visitorChats', { identityToken: ada })).json()) as { open: Chat | null; chats: Array<{ conversationSid: string }> };
    expect(listed.open?.conversationSid).toBe(chat.conversationSid);
    expect(listed.chats.map((c) => c.conversationSid)).toStrictEqual([chat.conversationSid]);
    expect((await post('refreshToken', { token: chat.token, conversationSid: chat.conversationSid, identityToken: ada })).status).toBe(200);

    // Another user sees nothing of it.
    const grace = await sign({ sub: 'grace-1906' });
    expect(await (await post('visitorChats', { identityToken: grace })).json()).toStrictEqual({ open: null, chats: [], nextPage: null });
    expect((await post('refreshToken', { token: chat.token, conversationSid: chat.conversationSid, identityToken: grace })).status).toBe(404);
    expect((await post('visitorTranscript', { identityToken: grace, conversationSid: chat.conversationSid })).status).toBe(404);

    // The verified address needs no code for the transcript email.
    const emailed = await post('emailTranscript', { token: chat.token, conversationSid: chat.conversationSid });
    expect(await emailed.json()).toMatchObject({ sent: 'transcript' });

    // Ended: no open chat any more, but the chat is listed and readable.
    await twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '').conversations.v1.conversations(chat.conversationSid).update({ state: 'closed' });
    const after = (await (await post('visitorChats', { identityToken: ada })).json()) as { open: Chat | null; chats: Array<{ conversationSid: string }> };
    expect(after.open).toBeNull();
    expect(after.chats.map((c) => c.conversationSid)).toStrictEqual([chat.conversationSid]);
    const read = (await (await post('visitorTranscript', { identityToken: ada, conversationSid: chat.conversationSid })).json()) as { transcript: { lines: Array<{ body: string }> } };
    expect(read.transcript.lines.map((line) => line.body)).toContain('Any news?');

    // A new start makes a new chat, listed first.
    const next = (await (await start(ada)).json()) as Chat;
    expect(next.conversationSid).not.toBe(chat.conversationSid);
    const both = (await (await post('visitorChats', { identityToken: ada })).json()) as { chats: Array<{ conversationSid: string }> };
    expect(both.chats.map((c) => c.conversationSid)).toStrictEqual([next.conversationSid, chat.conversationSid]);
  });

  it('keeps anonymous visitors as they were: no customer_id, nothing verified', async () => {
    const answer = await post('initWebchat', { formData: { ...FORM, verified: 'true' }, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
    expect(answer.status).toBe(400);
    const anonymous = (await (await post('initWebchat', { formData: FORM, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) })).json()) as Chat;
    const data = (await stack.emulator.conversation(anonymous.conversationSid)).attributes.pre_engagement_data as Record<string, unknown>;
    expect(data).toMatchObject({ friendlyName: 'Typed Name', email: 'typed@example.com' });
    expect(data).not.toHaveProperty('verified');
    expect(data).not.toHaveProperty('customer_id');
  });
});

describe('a deployment that takes no signed-in visitors', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());

  it('refuses an identity token by name instead of starting an anonymous chat', async () => {
    const answer = await startIn(backend.context, { formData: FORM, identityToken: await signIdentity('http://localhost:3000', { sub: 'u1' }) }, fromShop);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'IDENTITY_NOT_ACCEPTED', field: 'identityToken' } } });
    expect((answer.body as { error: { message: string } }).error.message).toMatch(/VISITOR_IDENTITY_SECRET/);
  });
});
