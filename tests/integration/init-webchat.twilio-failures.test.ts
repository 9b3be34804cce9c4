/**
 * initWebchat when Twilio is slow or refuses: every answer comes within the Function's time budget,
 * a retry carries on with a chat Twilio created late, and no half-created chat is left open.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startTestBackend, type TestBackend } from '../support/backend';
import { captureConsole } from '../support/console-capture';
import { defined } from '../support/defined';
import { form, fromShop, startIn } from '../support/init-webchat';

describe('initWebchat when Twilio fails (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());

  const start = (body: Record<string, unknown> = { formData: form }) => startIn(backend.context, body, fromShop);

  it('answers 502 TWILIO_ERROR when Flex refuses to create the chat, and logs Twilio\'s code only', async () => {
    await backend.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', status: 400, code: 50100, message: 'Invalid address' });
    const { result: answer, output } = await captureConsole(() => start());
    expect(answer.status).toBe(502);
    expect((answer.body.error as { code: string }).code).toBe('TWILIO_ERROR');
    expect(output).toMatch(/"twilioCode":50100/);
    expect(output).not.toMatch(new RegExp(`${backend.env.API_SECRET}|${backend.env.AUTH_TOKEN}|eyJ`));
  });

  it('waits for a slow Flex (5 s) instead of giving up on a chat Twilio then creates: one chat, holding the question', async () => {
    await backend.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', delayMs: 5000, times: 1 });
    const answer = await start();
    expect(answer.status).toBe(200);
    const conversations = await backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '').conversations.list();
    expect(conversations.map((conversation) => conversation.sid)).toStrictEqual([answer.body.conversationSid]);
    const conversation = await backend.emulator.conversation(String(answer.body.conversationSid));
    expect(conversation.messages[0]?.body).toBe('Where is my order?');
  });

  it('lets a retry carry on with the chat Flex created after the first attempt gave up waiting: one chat, one question', async () => {
    await backend.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', delayMs: 7000, times: 1 });
    const startId = 'retry-key-0123456789abcdef-0123456789';
    const { result: first } = await captureConsole(() => start({ formData: form, startId, attempt: 1 }));
    expect(first.status).toBe(504);
    expect((first.body.error as { code: string }).code).toBe('TWILIO_TIMEOUT');
    const service = backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '');
    // Flex finishes the create a moment later, as Twilio does with a request whose caller stopped waiting.
    for (let polls = 0; polls < 100 && (await service.conversations.list()).length === 0; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [late] = await service.conversations.list();
    const retry = await start({ formData: form, startId, attempt: 2 });
    expect(retry.status).toBe(200);
    expect(retry.body.conversationSid).toBe(defined(late).sid);
    expect((await service.conversations.list()).map((conversation) => conversation.sid)).toStrictEqual([defined(late).sid]);
    const conversation = await backend.emulator.conversation(String(retry.body.conversationSid));
    expect(conversation.messages.map((message) => message.author)).toStrictEqual([retry.body.identity, 'Concierge']);
  });

  it('starts afresh on a retry when no earlier attempt created anything', async () => {
    const answer = await start({ formData: form, startId: 'fresh-key-0123456789abcdef-0123456789', attempt: 2 });
    expect(answer.status).toBe(200);
    expect((await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats')).toHaveLength(1);
  });

  it('closes the chat when the question is still not posted as the time budget runs out, and answers 504', async () => {
    await backend.emulator.fault({ method: 'POST', path: '/Messages$', delayMs: 8000, times: 1 });
    const { result: answer } = await captureConsole(() => start());
    expect(answer.status).toBe(504);
    expect((answer.body.error as { code: string }).code).toBe('QUESTION_NOT_DELIVERED');
    const closed = defined((await backend.emulator.twilioCalls()).find((call) => call.params.State === 'closed'));
    const sid = /Conversations\/(CH[0-9a-f]{32})/.exec(closed.path)?.[1] ?? '';
    expect((await backend.emulator.conversation(sid)).state).toBe('closed');
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
    expect(output).toMatch(new RegExp(`chat not started \\(post question failed\\); conversation closed.*${sid}`));
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
