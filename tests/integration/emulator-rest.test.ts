import { describe, expect, it } from '@jest/globals';
import { TEST_EMULATOR_OPTIONS as O, twilioAt, useEmulator } from '../support/twilio-at-emulator';

interface RestError {
  status: number;
  code: number;
  moreInfo: string;
}

async function rejection(promise: Promise<unknown>): Promise<RestError> {
  try {
    await promise;
  } catch (error) {
    return error as RestError;
  }
  throw new Error('expected the call to fail');
}

describe('emulator REST API driven by the real twilio library', () => {
  const emulator = useEmulator();

  const control = async <T>(path: string, init?: RequestInit): Promise<T> => (await fetch(`${emulator.url}/__emulator/${path}`, init)).json() as Promise<T>;

  it('creates a Flex web chat with the pre-engagement data and a named customer participant', async () => {
    const chat = await emulator.client.flexApi.v2.webChannels.create({
      addressSid: O.addressSid,
      chatFriendlyName: 'Chat with Ada',
      customerFriendlyName: 'Ada',
      preEngagementData: JSON.stringify({ friendlyName: 'Ada', question: 'Where is my order?' }),
    });
    expect(chat.conversationSid).toMatch(/^CH[0-9a-f]{32}$/);
    const conversation = await emulator.client.conversations.v1.conversations(chat.conversationSid).fetch();
    expect(conversation.friendlyName).toBe('Chat with Ada');
    expect(conversation.chatServiceSid).toBe(O.conversationsServiceSid);
    expect(JSON.parse(conversation.attributes)).toStrictEqual({ pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } });
    const participants = await emulator.client.conversations.v1.conversations(chat.conversationSid).participants.list();
    expect(participants.map((p) => p.identity)).toStrictEqual([chat.identity]);
    expect((await emulator.client.conversations.v1.users(chat.identity).fetch()).friendlyName).toBe('Ada');
  });

  it('refuses a web chat for an unknown or malformed address sid', async () => {
    const unknown = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: 'IG' + 'f'.repeat(32) }));
    expect([unknown.status, unknown.code]).toStrictEqual([404, 20404]);
    const malformed = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.conversationsServiceSid }));
    expect([malformed.status, malformed.code]).toStrictEqual([400, 20001]);
    const badJson = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid, preEngagementData: '{' }));
    expect([badJson.status, badJson.code]).toStrictEqual([400, 20001]);
  });

  it('records whether each message was posted with webhooks enabled', async () => {
    const conversation = await emulator.client.conversations.v1.conversations.create({ friendlyName: 'c' });
    const messages = emulator.client.conversations.v1.conversations(conversation.sid).messages;
    await messages.create({ author: 'visitor', body: 'question', xTwilioWebhookEnabled: 'true' });
    await messages.create({ author: 'Concierge', body: 'welcome' });
    const detail = await control<{ messages: { body: string; author: string; webhookEnabled: boolean }[] }>(`conversations/${conversation.sid}`);
    expect(detail.messages.map((m) => [m.author, m.body, m.webhookEnabled])).toStrictEqual([
        ['visitor', 'question', true],
        ['Concierge', 'welcome', false],
      ]);
  });

  it('pages messages in both orders through list() and each()', async () => {
    const conversation = await emulator.client.conversations.v1.conversations.create({});
    const messages = emulator.client.conversations.v1.conversations(conversation.sid).messages;
    for (let i = 0; i < 7; i++) await messages.create({ author: 'a', body: `m${i}` });
    const ascending = await messages.list({ pageSize: 3 });
    expect(ascending.map((m) => m.index)).toStrictEqual([0, 1, 2, 3, 4, 5, 6]);
    const descending = await messages.list({ order: 'desc', pageSize: 2, limit: 5 });
    expect(descending.map((m) => m.body)).toStrictEqual(['m6', 'm5', 'm4', 'm3', 'm2']);
    const seen: number[] = [];
    // twilio-node types each() as void; its done option says when the last page was read.
    await new Promise<void>((resolve) => {
      messages.each({ pageSize: 4, done: resolve }, (m) => seen.push(m.index));
    });
    expect(seen.length).toBe(7);
    const page = await messages.page({ pageSize: 3 });
    const next = await page.nextPage();
    expect(next?.instances.map((m) => m.index)).toStrictEqual([3, 4, 5]);
  });

  it('serves the same conversation under the service-scoped path', async () => {
    const service = emulator.client.conversations.v1.services(O.conversationsServiceSid);
    const created = await service.conversations.create({ uniqueName: 'scoped', attributes: '{"a":1}' });
    expect(created.url).toBe(`https://conversations.twilio.com/v1/Services/${O.conversationsServiceSid}/Conversations/${created.sid}`);
    expect((await emulator.client.conversations.v1.conversations('scoped').fetch()).sid).toBe(created.sid);
    await service.conversations(created.sid).messages.create({ author: 'x', body: 'y' });
    expect((await emulator.client.conversations.v1.conversations(created.sid).messages.list()).length).toBe(1);
    const wrongService = await rejection(emulator.client.conversations.v1.services('IS' + '9'.repeat(32)).conversations(created.sid).fetch());
    expect(wrongService.status).toBe(404);
  });

  it('updates conversation state and attributes, and keeps a closed conversation closed', async () => {
    const conversation = emulator.client.conversations.v1.conversations((await emulator.client.conversations.v1.conversations.create({})).sid);
    expect((await conversation.update({ state: 'inactive', attributes: '{"x":2}' })).state).toBe('inactive');
    expect((await conversation.update({ state: 'closed' })).state).toBe('closed');
    const reopen = await rejection(conversation.update({ state: 'active' }));
    expect([reopen.status, reopen.code]).toStrictEqual([400, 50377]);
    const badState = await rejection(conversation.update({ state: 'archived' as 'closed' }));
    expect([badState.status, badState.code]).toStrictEqual([400, 20001]);
    const badAttributes = await rejection(emulator.client.conversations.v1.conversations.create({ attributes: 'nope' }));
    expect([badAttributes.status, badAttributes.code]).toStrictEqual([400, 50304]);
  });

  it('filters the conversation list by state', async () => {
    const open = await emulator.client.conversations.v1.conversations.create({});
    const closed = await emulator.client.conversations.v1.conversations.create({ state: 'closed' });
    expect((await emulator.client.conversations.v1.conversations.list({ state: 'closed' })).map((c) => c.sid)).toStrictEqual([closed.sid]);
    expect((await emulator.client.conversations.v1.conversations.list({ state: 'active' })).map((c) => c.sid)).toStrictEqual([open.sid]);
  });

  it('manages participants by sid or identity, including their read horizon', async () => {
    const conversation = emulator.client.conversations.v1.conversations((await emulator.client.conversations.v1.conversations.create({})).sid);
    const agent = await conversation.participants.create({ identity: 'agent-1', attributes: '{"role":"agent"}' });
    expect((await conversation.participants('agent-1').fetch()).sid).toBe(agent.sid);
    const updated = await conversation.participants(agent.sid).update({ lastReadMessageIndex: 3 });
    expect(updated.lastReadMessageIndex).toBe(3);
    expect(updated.lastReadTimestamp).toBeTruthy();
    const duplicate = await rejection(conversation.participants.create({ identity: 'agent-1' }));
    expect([duplicate.status, duplicate.code]).toStrictEqual([409, 50433]);
    expect(await conversation.participants(agent.sid).remove()).toBe(true);
    expect((await rejection(conversation.participants(agent.sid).fetch())).status).toBe(404);
  });

  it('updates and deletes messages, answering 404 with code 20404 for unknown sids', async () => {
    const conversation = emulator.client.conversations.v1.conversations((await emulator.client.conversations.v1.conversations.create({})).sid);
    const message = await conversation.messages.create({ author: 'a', body: 'draft' });
    const updated = await conversation.messages(message.sid).update({ body: 'final' });
    expect(updated.body).toBe('final');
    expect(updated.dateUpdated).toBeTruthy();
    expect(await conversation.messages(message.sid).remove()).toBe(true);
    const missing = await rejection(conversation.messages(message.sid).fetch());
    expect([missing.status, missing.code, missing.moreInfo]).toStrictEqual([404, 20404, 'https://www.twilio.com/docs/errors/20404']);
    expect((await rejection(emulator.client.conversations.v1.conversations('CH' + '0'.repeat(32)).fetch())).code).toBe(20404);
  });

  it('creates users, fetches them by identity and renames them', async () => {
    const user = await emulator.client.conversations.v1.users.create({ identity: 'agent@example.com', friendlyName: 'Alice' });
    expect(user.sid).toMatch(/^US[0-9a-f]{32}$/);
    const renamed = await emulator.client.conversations.v1.services(O.conversationsServiceSid).users('agent@example.com').update({ friendlyName: 'Alice B.' });
    expect(renamed.friendlyName).toBe('Alice B.');
    const missing = await rejection(emulator.client.conversations.v1.users.create({ identity: '' }));
    expect([missing.status, missing.code]).toStrictEqual([400, 20001]);
    const duplicate = await rejection(emulator.client.conversations.v1.users.create({ identity: 'agent@example.com' }));
    expect(duplicate.status).toBe(409);
  });

  it('accepts an API key and secret as well as the account credentials, and nothing else', async () => {
    const withKey = twilioAt(emulator.url, O.apiKey, O.apiSecret, O.accountSid);
    expect((await withKey.conversations.v1.conversations.create({})).sid).toMatch(/^CH/);
    const wrong = twilioAt(emulator.url, O.accountSid, 'b'.repeat(32));
    const denied = await rejection(wrong.conversations.v1.conversations.list());
    expect([denied.status, denied.code]).toStrictEqual([401, 20003]);
    const anonymous = await fetch(`${emulator.url}/v1/Conversations`);
    expect(anonymous.status).toBe(401);
  });

  it('answers Twilio-style 404 and 405 for unknown paths and methods', async () => {
    const auth = `Basic ${Buffer.from(`${O.accountSid}:${O.authToken}`).toString('base64')}`;
    const unknown = await fetch(`${emulator.url}/v1/Nope`, { headers: { authorization: auth } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toStrictEqual({
      code: 20404,
      message: 'The requested resource /v1/Nope was not found',
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    const wrongMethod = await fetch(`${emulator.url}/v2/WebChats`, { headers: { authorization: auth } });
    expect(wrongMethod.status).toBe(405);
    const notForm = await fetch(`${emulator.url}/v1/Conversations`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: '{}' });
    expect(notForm.status).toBe(400);
    const badEscape = await fetch(`${emulator.url}/v1/Conversations/%E0%A4%A`, { headers: { authorization: auth } });
    expect(badEscape.status).toBe(404);
  });
});

describe('emulator test controls', () => {
  const emulator = useEmulator();

  const post = (path: string, body: unknown) =>
    fetch(`${emulator.url}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('logs each Twilio call with its parameters, webhook flag and status but never the credentials', async () => {
    const conversation = await emulator.client.conversations.v1.conversations.create({ friendlyName: 'logged' });
    await emulator.client.conversations.v1.conversations(conversation.sid).messages.create({ body: 'hi', xTwilioWebhookEnabled: 'true' });
    const { requests } = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { requests: unknown[] };
    expect(requests).toStrictEqual([
      { method: 'POST', path: '/v1/Conversations', params: { FriendlyName: 'logged' }, webhookEnabled: false, status: 201 },
      { method: 'POST', path: `/v1/Conversations/${conversation.sid}/Messages`, params: { Body: 'hi' }, webhookEnabled: true, status: 201 },
    ]);
    expect(JSON.stringify(requests)).not.toMatch(new RegExp(O.authToken));
  });

  it('makes matching calls fail with an injected Twilio error the given number of times', async () => {
    expect((await post('faults', { method: 'POST', path: '^/v2/WebChats$', status: 503, code: 20503, message: 'Service unavailable', times: 1 })).status).toBe(201);
    const failed = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid }));
    expect([failed.status, failed.code]).toStrictEqual([503, 20503]);
    expect((await emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid })).conversationSid).toMatch(/^CH/);
  });

  it('lets the first matching calls through when a fault skips some', async () => {
    await post('faults', { method: 'POST', path: '^/v1/Conversations$', status: 500, code: 20500, skip: 1, times: 1 });
    await emulator.client.conversations.v1.conversations.create({});
    expect((await rejection(emulator.client.conversations.v1.conversations.create({}))).status).toBe(500);
    await emulator.client.conversations.v1.conversations.create({});
  });

  it('delays matching calls when a fault has only a delay, and clears faults on request', async () => {
    await post('faults', { path: '/Conversations$', delayMs: 150 });
    const started = Date.now();
    await emulator.client.conversations.v1.conversations.create({});
    expect(Date.now() - started >= 140).toBeTruthy();
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    await post('faults', { path: '.*', status: 500, code: 20500 });
    await post('reset', {});
    await emulator.client.conversations.v1.conversations.create({});
  });

  it('refuses malformed fault specifications with a readable 400', async () => {
    for (const bad of [{}, { path: '(' }, { path: 'x' }, { path: 'x', status: 503 }, { path: 'x', status: 200, code: 1 }, { path: 'x', delayMs: 5, tims: 1 }]) {
      const response = await post('faults', bad);
      expect(response.status).toBe(400);
      expect(typeof ((await response.json()) as { error: unknown }).error).toBe('string');
    }
    expect((await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('answers 404 for unknown conversations and unknown controls', async () => {
    expect((await fetch(`${emulator.url}/__emulator/conversations/CH0`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/__emulator/nope`)).status).toBe(404);
  });
});
