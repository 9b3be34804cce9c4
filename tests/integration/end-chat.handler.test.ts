import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handler as initWebchat } from '../../functions/initWebchat';
import { handler as endChat } from '../../functions/endChat';
import { readConfig } from '../../functions/lib/config';
import { ENDED_BY_VISITOR_TEXT } from '../../functions/lib/end-chat';
import { mintToken } from '../../functions/lib/tokens';
import { sealVisitor } from '../../functions/lib/visitor-seal';
import { isEndedByVisitor } from '../../contract/chat-events';
import { startTestBackend, type TestBackend } from '../support/backend';
import { solvedChallenge } from '../support/challenge';
import { ALLOWED_ORIGIN } from '../support/fixtures';
import { invoke } from '../support/function-runtime';

const fromShop = { origin: ALLOWED_ORIGIN, 'content-type': 'application/json' };

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

describe('endChat (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());

  async function startChat(friendlyName = 'Ada'): Promise<Chat> {
    const challenge = await solvedChallenge(backend.context, fromShop);
    const answer = await invoke(initWebchat, backend.context, { formData: { friendlyName, query: 'Where is my parcel?' }, ...challenge }, fromShop);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Chat;
  }

  const end = (body: Record<string, unknown>, headers: Record<string, string> = fromShop) => invoke(endChat, backend.context, body, headers);
  const errorCode = (body: Record<string, unknown>) => (body.error as { code: string }).code;

  async function workspaceSid(): Promise<string> {
    return (await backend.twilio.flexApi.v1.configuration().fetch()).taskrouterWorkspaceSid;
  }

  async function taskOf(conversationSid: string) {
    const tasks = await backend.twilio.taskrouter.v1.workspaces(await workspaceSid()).tasks.list({ evaluateTaskAttributes: `conversationSid == "${conversationSid}"` });
    expect(tasks).toHaveLength(1);
    const task = tasks[0];
    if (task === undefined) throw new Error('no task');
    return { task, attributes: JSON.parse(task.attributes) as { flexInteractionSid: string; flexInteractionChannelSid: string } };
  }

  /** The desk's join plays Flex's accept: the task becomes assigned. */
  async function acceptAsAgent(conversationSid: string): Promise<void> {
    const response = await fetch(`${backend.emulator.url}/desk/api/conversations/${conversationSid}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Grace' }),
    });
    expect(response.status).toBe(200);
  }

  async function lastMessage(conversationSid: string) {
    const messages = await backend.twilio.conversations.v1.conversations(conversationSid).messages.list({ order: 'desc', limit: 1 });
    return messages[0];
  }

  it('closes the Flex interaction channel of an accepted chat: the task goes to wrapping and the conversation closes', async () => {
    const chat = await startChat();
    await acceptAsAgent(chat.conversationSid);
    const before = await taskOf(chat.conversationSid);
    expect(before.task.assignmentStatus).toBe('assigned');

    const answer = await end({ token: chat.token, conversationSid: chat.conversationSid });
    expect([answer.status, answer.body]).toStrictEqual([200, { state: 'closed' }]);
    expect(answer.headers['Access-Control-Allow-Origin']).toBe(ALLOWED_ORIGIN);

    const channel = await backend.twilio.flexApi.v1.interaction(before.attributes.flexInteractionSid).channels(before.attributes.flexInteractionChannelSid).fetch();
    expect(channel.status).toBe('closed');
    expect((await taskOf(chat.conversationSid)).task.assignmentStatus).toBe('wrapping');
    expect((await backend.twilio.conversations.v1.conversations(chat.conversationSid).fetch()).state).toBe('closed');
    const notice = await lastMessage(chat.conversationSid);
    expect(notice?.body).toBe(ENDED_BY_VISITOR_TEXT);
    expect(isEndedByVisitor(JSON.parse(notice?.attributes ?? '{}'))).toBe(true);
    const posted = (await backend.emulator.conversation(chat.conversationSid)).messages.at(-1);
    expect(posted?.webhookEnabled).toBe(false);
  });

  it('reads the Flex configuration once per warm instance: a second end goes straight to the task, and still closes its channel', async () => {
    const configurationReads = async () => (await backend.emulator.twilioCalls()).filter((call) => call.method === 'GET' && call.path === '/v1/Configuration').length;
    const first = await startChat('Ada');
    const second = await startChat('Bob');
    await acceptAsAgent(second.conversationSid);
    const { attributes } = await taskOf(second.conversationSid);

    expect((await end({ token: first.token, conversationSid: first.conversationSid })).status).toBe(200);
    const readsAfterFirst = await configurationReads();
    expect(readsAfterFirst).toBeGreaterThan(0);
    const answer = await end({ token: second.token, conversationSid: second.conversationSid });

    expect([answer.status, answer.body]).toStrictEqual([200, { state: 'closed' }]);
    expect(await configurationReads()).toBe(readsAfterFirst);
    const channel = await backend.twilio.flexApi.v1.interaction(attributes.flexInteractionSid).channels(attributes.flexInteractionChannelSid).fetch();
    expect(channel.status).toBe('closed');
    expect((await taskOf(second.conversationSid)).task.assignmentStatus).toBe('wrapping');
  });

  it('answers 200 closed again for a chat that is closed already, without writing to it', async () => {
    const chat = await startChat();
    await backend.twilio.conversations.v1.conversations(chat.conversationSid).update({ state: 'closed' });
    const count = (await backend.emulator.conversation(chat.conversationSid)).messages.length;
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await end({ token: chat.token, conversationSid: chat.conversationSid });
      expect([answer.status, answer.body]).toStrictEqual([200, { state: 'closed' }]);
    }
    expect((await backend.emulator.conversation(chat.conversationSid)).messages).toHaveLength(count);
  });

  it('closes the conversation directly when Studio has not sent the chat to Flex yet (no task)', async () => {
    const conversation = await backend.twilio.conversations.v1.conversations.create({ friendlyName: 'Still in Studio' });
    await backend.twilio.conversations.v1.conversations(conversation.sid).participants.create({ identity: 'visitor-without-task' });
    await sealVisitor(backend.twilio, readConfig(backend.env), conversation.sid, 'visitor-without-task');
    const { token } = mintToken(readConfig(backend.env), 'visitor-without-task');

    const answer = await end({ token, conversationSid: conversation.sid });
    expect([answer.status, answer.body]).toStrictEqual([200, { state: 'closed' }]);
    expect((await backend.twilio.conversations.v1.conversations(conversation.sid).fetch()).state).toBe('closed');
    expect((await lastMessage(conversation.sid))?.body).toBe(ENDED_BY_VISITOR_TEXT);
  });

  it('closes the conversation directly when Flex answers 404 for the interaction channel', async () => {
    const chat = await startChat();
    const { attributes } = await taskOf(chat.conversationSid);
    await backend.emulator.fault({ method: 'POST', path: `/v1/Interactions/${attributes.flexInteractionSid}/Channels/${attributes.flexInteractionChannelSid}`, status: 404, code: 20404, times: 1 });
    const answer = await end({ token: chat.token, conversationSid: chat.conversationSid });
    await backend.emulator.clearFaults();
    expect([answer.status, answer.body]).toStrictEqual([200, { state: 'closed' }]);
    expect((await backend.twilio.conversations.v1.conversations(chat.conversationSid).fetch()).state).toBe('closed');
  });

  it("refuses to end another visitor's conversation with 404 CONVERSATION_NOT_FOUND, leaving it open", async () => {
    const mine = await startChat('Ada');
    const theirs = await startChat('Bob');
    const answer = await end({ token: mine.token, conversationSid: theirs.conversationSid });
    expect(answer.status).toBe(404);
    expect(errorCode(answer.body)).toBe('CONVERSATION_NOT_FOUND');
    expect((await backend.twilio.conversations.v1.conversations(theirs.conversationSid).fetch()).state).toBe('active');
  });

  it('refuses a token this deployment did not issue with 401 TOKEN_INVALID', async () => {
    const chat = await startChat();
    const [header, payload] = chat.token.split('.');
    const answer = await end({ token: `${header}.${payload}.${'A'.repeat(43)}`, conversationSid: chat.conversationSid });
    expect(answer.status).toBe(401);
    expect(errorCode(answer.body)).toBe('TOKEN_INVALID');
    expect((await backend.twilio.conversations.v1.conversations(chat.conversationSid).fetch()).state).toBe('active');
  });

  it('refuses a conversation that does not exist with 404, and malformed input with 400 naming the field', async () => {
    const chat = await startChat();
    const missing = await end({ token: chat.token, conversationSid: `CH${'0'.repeat(32)}` });
    expect([missing.status, errorCode(missing.body)]).toStrictEqual([404, 'CONVERSATION_NOT_FOUND']);
    const malformed = await end({ token: chat.token, conversationSid: 'CH123' });
    expect([malformed.status, (malformed.body.error as { field?: string }).field]).toStrictEqual([400, 'conversationSid']);
  });

  it('refuses a page that is not allowed with 403', async () => {
    const chat = await startChat();
    const answer = await end({ token: chat.token, conversationSid: chat.conversationSid }, { origin: 'https://evil.example', 'content-type': 'application/json' });
    expect([answer.status, errorCode(answer.body)]).toStrictEqual([403, 'ORIGIN_NOT_ALLOWED']);
  });
});
