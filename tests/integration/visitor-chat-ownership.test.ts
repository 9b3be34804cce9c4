/**
 * The Functions a visitor calls about their own chat (refreshToken, endChat, emailTranscript) tell a
 * token holder nothing about conversations that are not theirs: one that does not exist, another
 * visitor's open or closed one, and one they were removed from all get the same answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handler as emailTranscript } from '../../functions/emailTranscript';
import { handler as endChat } from '../../functions/endChat';
import { handler as refreshToken } from '../../functions/refreshToken';
import { startTestBackend, type TestBackend } from '../support/backend';
import { invoke, type HandlerAnswer } from '../support/function-runtime';
import { form, fromShop, startIn } from '../support/init-webchat';

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

const SENDGRID = { SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret-0123', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' };
const FUNCTIONS = { refreshToken, endChat, emailTranscript };

describe('a visitor asking about a conversation that is not theirs', () => {
  let backend: TestBackend;
  let mine: Chat;
  const notMine: Record<string, string> = {};
  beforeAll(async () => {
    backend = await startTestBackend(SENDGRID);
    mine = await startChat();
    notMine['an unknown SID'] = `CH${'0'.repeat(32)}`;
    notMine["another visitor's open chat"] = (await startChat()).conversationSid;
    const closed = await startChat();
    await backend.twilio.conversations.v1.conversations(closed.conversationSid).update({ state: 'closed' });
    notMine["another visitor's closed chat"] = closed.conversationSid;
  });
  afterAll(() => backend.stop());

  async function startChat(): Promise<Chat> {
    const answer = await startIn(backend.context, { formData: form }, fromShop);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Chat;
  }

  const ask = (fn: keyof typeof FUNCTIONS, token: string, conversationSid: string): Promise<HandlerAnswer> =>
    invoke(FUNCTIONS[fn], backend.context, { token, conversationSid }, fromShop);

  for (const fn of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
    it(`${fn} answers every conversation that is not the caller's alike, and changes nothing`, async () => {
      const answers = [];
      for (const conversationSid of Object.values(notMine)) {
        const { status, body } = await ask(fn, mine.token, conversationSid);
        answers.push({ status, body });
      }
      expect(answers[0]?.status).toBe(404);
      for (const answer of answers) expect(answer).toStrictEqual(answers[0]);
      const open = await backend.twilio.conversations.v1.conversations(notMine["another visitor's open chat"] ?? '').fetch();
      expect(open.state).toBe('active');
      expect(await backend.emulator.outbox()).toHaveLength(0);
    });
  }

  it('answers a visitor removed from their own chat as for any chat that is not theirs', async () => {
    const removed = await startChat();
    const conversation = backend.twilio.conversations.v1.conversations(removed.conversationSid);
    for (const { sid, identity } of await conversation.participants.list()) {
      if (identity === removed.identity) await conversation.participants(sid).remove();
    }
    const unknown = await ask('refreshToken', removed.token, notMine['an unknown SID'] ?? '');
    for (const fn of Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]) {
      const { status, body } = await ask(fn, removed.token, removed.conversationSid);
      expect({ status, body }).toStrictEqual({ status: unknown.status, body: unknown.body });
    }
  });
});
