/**
 * The codes that prove a visitor's address before a transcript is emailed to it: the handler with
 * the real twilio library and @sendgrid/mail against the emulator (its Sync and its outbox), and
 * the code store itself for what takes a clock (expiry).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { handler as emailTranscript } from '../../functions/emailTranscript';
import { countEmailCode, MAX_CODES_PER_CHAT, MAX_CODES_PER_INBOX_PER_DAY } from '../../functions/lib/email-code-limits';
import { CODE_TTL_SECONDS, MAX_CODE_TRIES, storeNewCode, useCode } from '../../functions/lib/email-codes';
import { recordVerifiedEmail } from '../../functions/lib/verified-emails';
import { startTestBackend, type TestBackend } from '../support/backend';
import { invoke } from '../support/function-runtime';
import { form, fromShop, startIn } from '../support/init-webchat';

interface Chat {
  token: string;
  conversationSid: string;
}

const SENDGRID = { SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret-0123', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' };

const errorCode = (body: Record<string, unknown>): string => (body.error as { code: string }).code;

describe('email codes (handler with the real twilio library, @sendgrid/mail and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend(SENDGRID);
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());

  async function startChat(email = form.email): Promise<Chat> {
    const answer = await startIn(backend.context, { formData: { ...form, email } }, fromShop);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Chat;
  }

  const send = (chat: Chat, extra: Record<string, unknown> = {}, context = backend.context) =>
    invoke(emailTranscript, context, { token: chat.token, conversationSid: chat.conversationSid, ...extra }, fromShop);

  async function lastCode(): Promise<string> {
    const code = /Your code is (\d{6})\./.exec((await backend.emulator.outbox()).at(-1)?.text ?? '')?.[1];
    if (code === undefined) throw new Error('the newest email carries no code');
    return code;
  }

  const sync = () => backend.twilio.sync.v1.services('default');

  it('emails a code of fixed text to the form address first, and keeps only keyed hashes of the code and the address', async () => {
    const chat = await startChat();
    const answer = await send(chat);
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({ sent: 'code', to: form.email, expiresAt: expect.any(String) });
    const [email, ...others] = await backend.emulator.outbox();
    expect(others).toHaveLength(0);
    expect(email?.to).toStrictEqual([form.email]);
    for (const typed of [form.friendlyName, form.query]) expect(JSON.stringify(email)).not.toContain(typed);
    const code = await lastCode();
    const item = await sync().syncMaps('webchat-email-codes').syncMapItems(chat.conversationSid).fetch();
    const data = item.data as Record<string, unknown>;
    const stored = JSON.stringify(data);
    expect(Object.keys(data).sort()).toStrictEqual(['expiresAt', 'hash', 'id']);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(form.email);
    // Nor anything in the attributes agents and Studio read.
    expect(JSON.stringify(await backend.emulator.conversation(chat.conversationSid))).not.toContain(code);
  });

  it('refuses a wrong code, saying how many tries are left, and a malformed one; the right code sends the transcript and is used up', async () => {
    const chat = await startChat();
    await send(chat);
    const code = await lastCode();
    const wrong = await send(chat, { code: code === '000000' ? '000001' : '000000' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toStrictEqual({ error: { code: 'EMAIL_CODE_WRONG', message: `This is not the code we sent: ${MAX_CODE_TRIES - 1} tries left.`, field: 'code' } });
    for (const malformed of ['12345', '1234567', 'abcdef', 123456]) {
      const answer = await send(chat, { code: malformed });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'code' });
    }
    const right = await send(chat, { code });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ sent: 'transcript' });
    const again = await send(chat, { code });
    expect(again.status).toBe(410);
    expect(errorCode(again.body)).toBe('EMAIL_CODE_EXPIRED');
    // Proven now: the next request needs no code.
    expect((await send(chat)).body).toMatchObject({ sent: 'transcript' });
  });

  it(`takes ${MAX_CODE_TRIES} tries per code, then not even the right code`, async () => {
    const chat = await startChat();
    await send(chat);
    const code = await lastCode();
    const wrong = code === '000000' ? '000001' : '000000';
    for (let tried = 1; tried <= MAX_CODE_TRIES; tried += 1) expect((await send(chat, { code: wrong })).status).toBe(403);
    const late = await send(chat, { code });
    expect(late.status).toBe(410);
    expect(errorCode(late.body)).toBe('EMAIL_CODE_EXPIRED');
    // A new code works again.
    await send(chat);
    expect((await send(chat, { code: await lastCode() })).body).toMatchObject({ sent: 'transcript' });
  });

  it(`a code lives ${CODE_TTL_SECONDS / 60} minutes, is bound to its chat and address, and a new one replaces it`, async () => {
    const owner = { apiSecret: backend.env.API_SECRET ?? '', conversationSid: `CH${'a'.repeat(32)}`, address: 'ada@example.com' };
    const now = new Date('2026-12-01T10:00:00Z');
    const { code } = await storeNewCode(sync(), owner, now);
    await expect(useCode(sync(), { ...owner, address: 'eve@example.com' }, code, now)).rejects.toMatchObject({ code: 'EMAIL_CODE_WRONG' });
    await expect(useCode(sync(), owner, code, new Date(now.getTime() + CODE_TTL_SECONDS * 1000))).rejects.toMatchObject({ status: 410, code: 'EMAIL_CODE_EXPIRED' });
    const first = await storeNewCode(sync(), owner, now);
    const second = await storeNewCode(sync(), owner, now);
    if (first.code !== second.code) await expect(useCode(sync(), owner, first.code, now)).rejects.toMatchObject({ code: 'EMAIL_CODE_WRONG' });
    await expect(useCode(sync(), owner, second.code, now)).resolves.toBe(undefined);
  });

  it(`sends at most ${MAX_CODES_PER_CHAT} codes a chat`, async () => {
    const chat = await startChat();
    for (let sent = 1; sent <= MAX_CODES_PER_CHAT; sent += 1) expect((await send(chat)).body.sent).toBe('code');
    const refused = await send(chat);
    expect(refused.status).toBe(429);
    expect(errorCode(refused.body)).toBe('TOO_MANY_EMAIL_CODES');
    expect(await backend.emulator.outbox()).toHaveLength(MAX_CODES_PER_CHAT);
  });

  // The windows' limits through the counting core with a fixed clock, so no test runs across an hour's end.
  const noon = new Date('2026-12-01T12:00:00Z');
  const count = (address: string, maxCodesPerHour = 100, chat = 0) =>
    countEmailCode(sync(), { apiSecret: backend.env.API_SECRET ?? '', conversationSid: `CH${String(chat).padStart(32, '0')}`, address, maxCodesPerHour }, noon);

  it(`sends at most ${MAX_CODES_PER_INBOX_PER_DAY} codes a day to one inbox, however its address is spelled, across chats`, async () => {
    const spellings = ['ada.lovelace@gmail.com', 'Ada.Lovelace+chat@gmail.com', 'adalovelace@googlemail.com', 'ADA.LOVELACE@GMAIL.COM', 'a.d.a.lovelace+x@gmail.com'];
    for (const [chat, address] of spellings.entries()) await count(address, 100, chat);
    await expect(count('adalovelace+more@gmail.com', 100, 9)).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_EMAIL_CODES', details: { retryAfterSeconds: 12 * 3600 } });
    // Another inbox is not affected.
    await expect(count('grace@example.com', 100, 10)).resolves.toBe(undefined);
  });

  it('sends at most MAX_EMAIL_CODES_PER_HOUR codes an hour from the whole deployment', async () => {
    await count('a@example.com', 2, 1);
    await count('b@example.com', 2, 2);
    await expect(count('c@example.com', 2, 3)).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_EMAIL_CODES', details: { retryAfterSeconds: 3600 } });
  });

  it('reads MAX_EMAIL_CODES_PER_HOUR from the deployment, naming it when it is wrong', async () => {
    const chat = await startChat();
    const answer = await send(chat, {}, { ...backend.context, MAX_EMAIL_CODES_PER_HOUR: 'plenty' });
    expect(answer.status).toBe(500);
    expect(answer.body.error).toMatchObject({ code: 'CONFIGURATION_ERROR', message: expect.stringContaining('MAX_EMAIL_CODES_PER_HOUR') });
    expect(await backend.emulator.outbox()).toHaveLength(0);
  });

  it('sends the transcript with no code to an address the site vouched for (the seam for signed-in visitors)', async () => {
    const chat = await startChat();
    await recordVerifiedEmail(sync(), { apiSecret: backend.env.API_SECRET ?? '', conversationSid: chat.conversationSid, address: form.email });
    const answer = await send(chat);
    expect(answer.body).toMatchObject({ sent: 'transcript' });
    expect((await backend.emulator.outbox()).map((email) => email.subject)).toStrictEqual(['Your chat transcript']);
  });
});
