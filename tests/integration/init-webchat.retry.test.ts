/**
 * A retried start (the same start key, a later attempt) carries on with the chat its earlier attempt
 * created, found directly however many chats are active, and only while that is still safe: soon
 * after the first attempt, from the same page, before an agent joined or the visitor wrote more.
 * Otherwise it starts a chat of its own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startTestBackend, type TestBackend } from '../support/backend';
import { form, fromShop, startIn } from '../support/init-webchat';

/** A key as the widget makes it: 128 random bits. */
const newKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

describe('initWebchat retries (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());

  const creates = async () => (await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats').length;
  const service = () => backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '');
  /** The first attempt reaches Twilio and creates the chat, but its answer never reaches the widget. */
  const lostAnswer = async (startId: string) => {
    const first = await startIn(backend.context, { formData: form, startId, attempt: 1 }, fromShop);
    expect(first.status).toBe(200);
    return first.body;
  };

  it('carries on with the chat whose answer was lost, found directly among 300 newer active chats', async () => {
    const startId = newKey();
    const first = await lostAnswer(startId);
    for (let i = 0; i < 300; i += 1) await service().conversations.create({ friendlyName: `Chat ${i}` });
    const retry = await startIn(backend.context, { formData: form, startId, attempt: 2 }, fromShop);
    expect(retry.status).toBe(200);
    expect([retry.body.conversationSid, retry.body.identity]).toStrictEqual([first.conversationSid, first.identity]);
    expect(await creates()).toBe(1);
    const conversation = await backend.emulator.conversation(String(first.conversationSid));
    expect(conversation.messages.map((message) => message.author)).toStrictEqual([first.identity, 'Concierge']);
  });

  it('starts a chat of its own for a retry from another page', async () => {
    const startId = newKey();
    const first = await lostAnswer(startId);
    const retry = await startIn(backend.context, { formData: form, startId, attempt: 2 }, { ...fromShop, origin: 'http://localhost:3000' });
    expect(retry.status).toBe(200);
    expect(retry.body.conversationSid).not.toBe(first.conversationSid);
    expect(await creates()).toBe(2);
  });

  it('starts a chat of its own once the visitor wrote more than the question', async () => {
    const startId = newKey();
    const first = await lostAnswer(startId);
    await service().conversations(String(first.conversationSid)).messages.create({ author: String(first.identity), body: 'my account is 1234' });
    const retry = await startIn(backend.context, { formData: form, startId, attempt: 2 }, fromShop);
    expect(retry.body.conversationSid).not.toBe(first.conversationSid);
    expect(retry.body.identity).not.toBe(first.identity);
  });

  it('starts a chat of its own once an agent joined', async () => {
    const startId = newKey();
    const first = await lostAnswer(startId);
    await service().conversations(String(first.conversationSid)).participants.create({ identity: 'agent-alice' });
    const retry = await startIn(backend.context, { formData: form, startId, attempt: 2 }, fromShop);
    expect(retry.body.conversationSid).not.toBe(first.conversationSid);
  });

  it('starts a chat of its own for a retry more than five minutes after the first attempt', async () => {
    const startId = newKey();
    const first = await lostAnswer(startId);
    // Only Date moves: the Functions and the emulator (in this process) both read it.
    jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      jest.setSystemTime(Date.now() + 301_000);
      const retry = await startIn(backend.context, { formData: form, startId, attempt: 2 }, fromShop);
      expect(retry.status).toBe(200);
      expect(retry.body.conversationSid).not.toBe(first.conversationSid);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a start key too short to be a secret (under 128 bits)', async () => {
    const answer = await startIn(backend.context, { formData: form, startId: 'a'.repeat(31), attempt: 2 }, fromShop);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'startId' });
    expect(await creates()).toBe(0);
  });
});
