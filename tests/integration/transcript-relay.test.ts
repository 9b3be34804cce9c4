/**
 * The transcript email is no relay: a script that starts chats with someone else's address in the
 * form, writes its advertisement as the name, the question and a message, and asks emailTranscript
 * for each chat again and again, gets none of its text into anybody's inbox. Through the gateway,
 * twilio-run, @sendgrid/mail and the emulator, whose outbox shows every email SendGrid accepted.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { solvedChallengeOverHttp } from '../support/challenge';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';

const SHOP = 'https://shop.example.com';
const AD = 'Cheap pills at spam.example';
/** Victims, one of them written so that SendGrid's address parser would read a display name into it. */
const VICTIMS = ['victim0@example.org', 'victim1@example.org', 'victim2@example.org', `Visit-spam.example<victim3@example.org>`];

jest.setTimeout(120_000);

describe('a script relaying its text through the transcript email', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' });
  });
  afterAll(() => stack?.stop());

  const post = async (fn: string, body: object) => {
    const answer = await fetch(`${stack.baseUrl}/${fn}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Origin: SHOP } });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  it('sends nothing the script wrote, to any address', async () => {
    const rest = twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');
    const answers: Array<{ status: number; body: Record<string, unknown> }> = [];
    for (const email of VICTIMS) {
      const formData = { friendlyName: `${AD} (name)`, email, query: `${AD} (question)` };
      const started = await post('initWebchat', { formData, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
      expect(started.status).toBe(200);
      const { token, conversationSid, identity } = started.body as { token: string; conversationSid: string; identity: string };
      await rest.conversations.v1.conversations(conversationSid).messages.create({ author: identity, body: `${AD} (message)` });
      for (let ask = 0; ask < 4; ask += 1) answers.push(await post('emailTranscript', { token, conversationSid }));
    }
    // What the script got instead: codes to the addresses (3 a chat), and a refusal for the one that is no bare address.
    expect(answers.map(({ status, body }) => `${status} ${(body.sent as string | undefined) ?? (body.error as { code: string }).code}`)).toStrictEqual([
      ...[0, 1, 2].flatMap(() => ['200 code', '200 code', '200 code', '429 TOO_MANY_EMAIL_CODES']),
      ...['409 NO_EMAIL_ADDRESS', '409 NO_EMAIL_ADDRESS', '409 NO_EMAIL_ADDRESS', '409 NO_EMAIL_ADDRESS'],
    ]);

    const outbox = await stack.emulator.outbox();
    for (const email of outbox) {
      const shown = JSON.stringify(email);
      expect(shown).not.toContain('spam.example');
      expect(shown).not.toContain('pills');
      // Only bare addresses: no display name, let alone one the caller chose.
      for (const to of email.to) expect(to).toMatch(/^victim\d@example\.org$/);
      // Fixed text and a code, nothing else.
      expect(email.subject).toMatch(/^Your code: \d{6}$/);
      expect(email.text?.replace(/\d{6}/, '000000')).toBe(
        'Your code is 000000.\n\nType it in the chat window within 10 minutes to have the transcript of your chat emailed to this address.\n\n' +
          'If you did not ask for it, ignore this email: without the code, nothing more is sent to you.',
      );
      expect(email.html).toBe(null);
    }
    expect(outbox).toHaveLength(9);
  });
});
