import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { handler as emailTranscript } from '../../functions/emailTranscript';
import { MAX_TRANSCRIPT_EMAILS } from '../../functions/lib/transcript-email-limit';
import { startTestBackend, type TestBackend } from '../support/backend';
import { invoke } from '../support/function-runtime';
import { form, fromShop, startIn } from '../support/init-webchat';

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

const SENDGRID = { SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret-0123', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' };

function errorCode(body: Record<string, unknown>): string {
  return (body.error as { code: string }).code;
}

/** The code in the newest email of the outbox. */
function codeIn(emails: ReadonlyArray<{ text: string | null }>): string {
  const code = /Your code is (\d{6})\./.exec(emails.at(-1)?.text ?? '')?.[1];
  if (code === undefined) throw new Error('the newest email carries no code');
  return code;
}

describe('emailTranscript (handler with the real twilio library, @sendgrid/mail and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend(SENDGRID);
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());

  async function startChat(formData: Record<string, string> = form): Promise<Chat> {
    const answer = await startIn(backend.context, { formData }, fromShop);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Chat;
  }

  const send = (body: Record<string, unknown>, context = backend.context) => invoke(emailTranscript, context, body, fromShop);

  /** The visitor's journey: ask, read the code in the outbox, send it back; answers the last step. */
  async function askWithCode(chat: Chat) {
    const asked = await send({ token: chat.token, conversationSid: chat.conversationSid });
    expect(asked.body.sent).toBe('code');
    return send({ token: chat.token, conversationSid: chat.conversationSid, code: codeIn(await backend.emulator.outbox()) });
  }

  it('sends the whole conversation to the pre-engagement email only, with display names, once the visitor typed the code sent there', async () => {
    const chat = await startChat();
    const conversation = backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '').conversations(chat.conversationSid);
    await backend.twilio.conversations.v1.users.create({ identity: 'agent-alex', friendlyName: 'Alex from Support' });
    await conversation.participants.create({ identity: 'agent-alex' });
    await conversation.messages.create({ author: 'agent-alex', body: 'Hello Ada <script>alert(1)</script>' });

    const answer = await askWithCode(chat);
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({ sent: 'transcript', remaining: MAX_TRANSCRIPT_EMAILS - 1 });

    const [code, email, ...others] = await backend.emulator.outbox();
    expect(others).toHaveLength(0);
    expect(code?.to).toStrictEqual([form.email]);
    expect(email?.to).toStrictEqual([form.email]);
    expect(email?.from).toBe(SENDGRID.TRANSCRIPT_FROM_EMAIL);
    expect(email?.subject).toBe('Your chat transcript');
    expect(email?.text).toContain(`Ada Lovelace:\n  ${form.query}`);
    expect(email?.text).toContain('Alex from Support:\n  Hello Ada <script>alert(1)</script>');
    expect(email?.text).toContain('Times are in UTC.');
    expect(email?.text).not.toContain(chat.identity);
    expect(email?.html).toContain('Hello Ada &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email?.html).not.toContain('<script>');
  });

  it("refuses another visitor's conversation with 404 and sends nothing", async () => {
    const mine = await startChat();
    const theirs = await startChat({ ...form, email: 'someone.else@example.com' });
    const answer = await send({ token: mine.token, conversationSid: theirs.conversationSid });
    expect(answer.status).toBe(404);
    expect(errorCode(answer.body)).toBe('CONVERSATION_NOT_FOUND');
    expect(await backend.emulator.outbox()).toHaveLength(0);
  });

  it('refuses a chat whose visitor gave no email with 409 NO_EMAIL_ADDRESS', async () => {
    const chat = await startChat({ friendlyName: 'Ada', query: 'Hi' });
    const answer = await send({ token: chat.token, conversationSid: chat.conversationSid });
    expect(answer.status).toBe(409);
    expect(errorCode(answer.body)).toBe('NO_EMAIL_ADDRESS');
    expect(await backend.emulator.outbox()).toHaveLength(0);
  });

  it('accepts no address, URL or anything else from the caller: unknown parameters are refused with 400', async () => {
    const chat = await startChat();
    for (const extra of [{ to: 'attacker@example.com' }, { email: 'attacker@example.com' }, { url: 'https://evil.example/hook' }]) {
      const answer = await send({ token: chat.token, conversationSid: chat.conversationSid, ...extra });
      expect(answer.status).toBe(400);
      expect(errorCode(answer.body)).toBe('INVALID_REQUEST');
    }
    expect(await backend.emulator.outbox()).toHaveLength(0);
  });

  it('answers 404 TRANSCRIPTS_DISABLED when the deployment has no SendGrid settings', async () => {
    const chat = await startChat();
    const context = { ...backend.context, SENDGRID_API_KEY: '', TRANSCRIPT_FROM_EMAIL: '' };
    const answer = await send({ token: chat.token, conversationSid: chat.conversationSid }, context);
    expect(answer.status).toBe(404);
    expect(errorCode(answer.body)).toBe('TRANSCRIPTS_DISABLED');
  });

  it('names the missing variable when only one of the two is set', async () => {
    const chat = await startChat();
    const answer = await send({ token: chat.token, conversationSid: chat.conversationSid }, { ...backend.context, TRANSCRIPT_FROM_EMAIL: '' });
    expect(answer.status).toBe(500);
    expect(errorCode(answer.body)).toBe('CONFIGURATION_ERROR');
    expect((answer.body.error as { message: string }).message).toContain('TRANSCRIPT_FROM_EMAIL');
  });

  it(`stops after ${MAX_TRANSCRIPT_EMAILS} emails of one conversation with 429, even once it is closed`, async () => {
    const chat = await startChat();
    const body = { token: chat.token, conversationSid: chat.conversationSid };
    // The address proven once, later requests need no code.
    expect((await askWithCode(chat)).body.remaining).toBe(MAX_TRANSCRIPT_EMAILS - 1);
    for (let sent = 2; sent <= MAX_TRANSCRIPT_EMAILS; sent += 1) {
      if (sent === MAX_TRANSCRIPT_EMAILS) {
        await backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '').conversations(chat.conversationSid).update({ state: 'closed' });
      }
      const answer = await send(body);
      expect(answer.status).toBe(200);
      expect(answer.body).toStrictEqual({ sent: 'transcript', remaining: MAX_TRANSCRIPT_EMAILS - sent });
    }
    const refused = await send(body);
    expect(refused.status).toBe(429);
    expect(errorCode(refused.body)).toBe('TOO_MANY_TRANSCRIPTS');
    // The code, then the transcripts.
    expect(await backend.emulator.outbox()).toHaveLength(1 + MAX_TRANSCRIPT_EMAILS);
  });

  it("the emulator answers like SendGrid's Mail Send: 401 without a key, 400 naming the fields, 202 with an empty body", async () => {
    const url = `${backend.emulator.url}/v3/mail/send`;
    const post = (body: unknown, authorization?: string) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) }, body: JSON.stringify(body) });
    const mail = { personalizations: [{ to: [{ email: 'ada@example.com' }] }], from: { email: 'support@shop.example.com' }, subject: 'Hi', content: [{ type: 'text/plain', value: 'Hello' }] };
    const unauthorized = await post(mail);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ errors: [{ message: expect.any(String), field: null, help: null }] });
    const bad = await post({ from: {}, content: [] }, `Bearer ${SENDGRID.SENDGRID_API_KEY}`);
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: Array<{ field: string }> };
    expect(errors.map((error) => error.field)).toStrictEqual(['personalizations', 'from.email', 'subject', 'content']);
    const accepted = await post(mail, `Bearer ${SENDGRID.SENDGRID_API_KEY}`);
    expect(accepted.status).toBe(202);
    expect(await accepted.text()).toBe('');
    expect(await backend.emulator.outbox()).toMatchObject([{ to: ['ada@example.com'], subject: 'Hi', text: 'Hello', html: null }]);
    // A display name shows as a mail client shows it, so a test sees one that should not be there.
    await post({ ...mail, personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada' }] }] }, `Bearer ${SENDGRID.SENDGRID_API_KEY}`);
    expect((await backend.emulator.outbox()).at(-1)?.to).toStrictEqual(['Ada <ada@example.com>']);
  });
});
