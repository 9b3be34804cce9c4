import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
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
  assert.fail('expected the call to fail');
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
    assert.match(chat.conversationSid, /^CH[0-9a-f]{32}$/);
    const conversation = await emulator.client.conversations.v1.conversations(chat.conversationSid).fetch();
    assert.equal(conversation.friendlyName, 'Chat with Ada');
    assert.equal(conversation.chatServiceSid, O.conversationsServiceSid);
    assert.deepEqual(JSON.parse(conversation.attributes), { pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } });
    const participants = await emulator.client.conversations.v1.conversations(chat.conversationSid).participants.list();
    assert.deepEqual(participants.map((p) => p.identity), [chat.identity]);
    assert.equal((await emulator.client.conversations.v1.users(chat.identity).fetch()).friendlyName, 'Ada');
  });

  it('refuses a web chat for an unknown or malformed address sid', async () => {
    const unknown = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: 'IG' + 'f'.repeat(32) }));
    assert.deepEqual([unknown.status, unknown.code], [404, 20404]);
    const malformed = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.conversationsServiceSid }));
    assert.deepEqual([malformed.status, malformed.code], [400, 20001]);
    const badJson = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid, preEngagementData: '{' }));
    assert.deepEqual([badJson.status, badJson.code], [400, 20001]);
  });

  it('records whether each message was posted with webhooks enabled', async () => {
    const conversation = await emulator.client.conversations.v1.conversations.create({ friendlyName: 'c' });
    const messages = emulator.client.conversations.v1.conversations(conversation.sid).messages;
    await messages.create({ author: 'visitor', body: 'question', xTwilioWebhookEnabled: 'true' });
    await messages.create({ author: 'Concierge', body: 'welcome' });
    const detail = await control<{ messages: { body: string; author: string; webhookEnabled: boolean }[] }>(`conversations/${conversation.sid}`);
    assert.deepEqual(
      detail.messages.map((m) => [m.author, m.body, m.webhookEnabled]),
      [
        ['visitor', 'question', true],
        ['Concierge', 'welcome', false],
      ],
    );
  });

  it('pages messages in both orders through list() and each()', async () => {
    const conversation = await emulator.client.conversations.v1.conversations.create({});
    const messages = emulator.client.conversations.v1.conversations(conversation.sid).messages;
    for (let i = 0; i < 7; i++) await messages.create({ author: 'a', body: `m${i}` });
    const ascending = await messages.list({ pageSize: 3 });
    assert.deepEqual(ascending.map((m) => m.index), [0, 1, 2, 3, 4, 5, 6]);
    const descending = await messages.list({ order: 'desc', pageSize: 2, limit: 5 });
    assert.deepEqual(descending.map((m) => m.body), ['m6', 'm5', 'm4', 'm3', 'm2']);
    const seen: number[] = [];
    await messages.each({ pageSize: 4 }, (m) => seen.push(m.index));
    assert.equal(seen.length, 7);
    const page = await messages.page({ pageSize: 3 });
    const next = await page.nextPage();
    assert.deepEqual(next?.instances.map((m) => m.index), [3, 4, 5]);
  });

  it('serves the same conversation under the service-scoped path', async () => {
    const service = emulator.client.conversations.v1.services(O.conversationsServiceSid);
    const created = await service.conversations.create({ uniqueName: 'scoped', attributes: '{"a":1}' });
    assert.equal(created.url, `https://conversations.twilio.com/v1/Services/${O.conversationsServiceSid}/Conversations/${created.sid}`);
    assert.equal((await emulator.client.conversations.v1.conversations('scoped').fetch()).sid, created.sid);
    await service.conversations(created.sid).messages.create({ author: 'x', body: 'y' });
    assert.equal((await emulator.client.conversations.v1.conversations(created.sid).messages.list()).length, 1);
    const wrongService = await rejection(emulator.client.conversations.v1.services('IS' + '9'.repeat(32)).conversations(created.sid).fetch());
    assert.equal(wrongService.status, 404);
  });

  it('updates conversation state and attributes, and keeps a closed conversation closed', async () => {
    const conversation = emulator.client.conversations.v1.conversations((await emulator.client.conversations.v1.conversations.create({})).sid);
    assert.equal((await conversation.update({ state: 'inactive', attributes: '{"x":2}' })).state, 'inactive');
    assert.equal((await conversation.update({ state: 'closed' })).state, 'closed');
    const reopen = await rejection(conversation.update({ state: 'active' }));
    assert.deepEqual([reopen.status, reopen.code], [400, 50350]);
    const badState = await rejection(conversation.update({ state: 'archived' as 'closed' }));
    assert.deepEqual([badState.status, badState.code], [400, 20001]);
    const badAttributes = await rejection(emulator.client.conversations.v1.conversations.create({ attributes: 'nope' }));
    assert.deepEqual([badAttributes.status, badAttributes.code], [400, 50304]);
  });

  it('filters the conversation list by state', async () => {
    const open = await emulator.client.conversations.v1.conversations.create({});
    const closed = await emulator.client.conversations.v1.conversations.create({ state: 'closed' });
    assert.deepEqual((await emulator.client.conversations.v1.conversations.list({ state: 'closed' })).map((c) => c.sid), [closed.sid]);
    assert.deepEqual((await emulator.client.conversations.v1.conversations.list({ state: 'active' })).map((c) => c.sid), [open.sid]);
  });

  it('manages participants by sid or identity, including their read horizon', async () => {
    const conversation = emulator.client.conversations.v1.conversations((await emulator.client.conversations.v1.conversations.create({})).sid);
    const agent = await conversation.participants.create({ identity: 'agent-1', attributes: '{"role":"agent"}' });
    assert.equal((await conversation.participants('agent-1').fetch()).sid, agent.sid);
    const updated = await conversation.participants(agent.sid).update({ lastReadMessageIndex: 3 });
    assert.equal(updated.lastReadMessageIndex, 3);
    assert.ok(updated.lastReadTimestamp);
    const duplicate = await rejection(conversation.participants.create({ identity: 'agent-1' }));
    assert.deepEqual([duplicate.status, duplicate.code], [409, 50433]);
    assert.equal(await conversation.participants(agent.sid).remove(), true);
    assert.equal((await rejection(conversation.participants(agent.sid).fetch())).status, 404);
  });

  it('updates and deletes messages, answering 404 with code 20404 for unknown sids', async () => {
    const conversation = emulator.client.conversations.v1.conversations((await emulator.client.conversations.v1.conversations.create({})).sid);
    const message = await conversation.messages.create({ author: 'a', body: 'draft' });
    const updated = await conversation.messages(message.sid).update({ body: 'final' });
    assert.equal(updated.body, 'final');
    assert.ok(updated.dateUpdated);
    assert.equal(await conversation.messages(message.sid).remove(), true);
    const missing = await rejection(conversation.messages(message.sid).fetch());
    assert.deepEqual([missing.status, missing.code, missing.moreInfo], [404, 20404, 'https://www.twilio.com/docs/errors/20404']);
    assert.equal((await rejection(emulator.client.conversations.v1.conversations('CH' + '0'.repeat(32)).fetch())).code, 20404);
  });

  it('creates users, fetches them by identity and renames them', async () => {
    const user = await emulator.client.conversations.v1.users.create({ identity: 'agent@example.com', friendlyName: 'Alice' });
    assert.match(user.sid, /^US[0-9a-f]{32}$/);
    const renamed = await emulator.client.conversations.v1.services(O.conversationsServiceSid).users('agent@example.com').update({ friendlyName: 'Alice B.' });
    assert.equal(renamed.friendlyName, 'Alice B.');
    const missing = await rejection(emulator.client.conversations.v1.users.create({ identity: '' }));
    assert.deepEqual([missing.status, missing.code], [400, 20001]);
    const duplicate = await rejection(emulator.client.conversations.v1.users.create({ identity: 'agent@example.com' }));
    assert.equal(duplicate.status, 409);
  });

  it('accepts an API key and secret as well as the account credentials, and nothing else', async () => {
    const withKey = twilioAt(emulator.url, O.apiKey, O.apiSecret, O.accountSid);
    assert.match((await withKey.conversations.v1.conversations.create({})).sid, /^CH/);
    const wrong = twilioAt(emulator.url, O.accountSid, 'b'.repeat(32));
    const denied = await rejection(wrong.conversations.v1.conversations.list());
    assert.deepEqual([denied.status, denied.code], [401, 20003]);
    const anonymous = await fetch(`${emulator.url}/v1/Conversations`);
    assert.equal(anonymous.status, 401);
  });

  it('answers Twilio-style 404 and 405 for unknown paths and methods', async () => {
    const auth = `Basic ${Buffer.from(`${O.accountSid}:${O.authToken}`).toString('base64')}`;
    const unknown = await fetch(`${emulator.url}/v1/Nope`, { headers: { authorization: auth } });
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), {
      code: 20404,
      message: 'The requested resource /v1/Nope was not found',
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    const wrongMethod = await fetch(`${emulator.url}/v2/WebChats`, { headers: { authorization: auth } });
    assert.equal(wrongMethod.status, 405);
    const notForm = await fetch(`${emulator.url}/v1/Conversations`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(notForm.status, 400);
    const badEscape = await fetch(`${emulator.url}/v1/Conversations/%E0%A4%A`, { headers: { authorization: auth } });
    assert.equal(badEscape.status, 404);
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
    assert.deepEqual(requests, [
      { method: 'POST', path: '/v1/Conversations', params: { FriendlyName: 'logged' }, webhookEnabled: false, status: 201 },
      { method: 'POST', path: `/v1/Conversations/${conversation.sid}/Messages`, params: { Body: 'hi' }, webhookEnabled: true, status: 201 },
    ]);
    assert.doesNotMatch(JSON.stringify(requests), new RegExp(O.authToken));
  });

  it('makes matching calls fail with an injected Twilio error the given number of times', async () => {
    assert.equal((await post('faults', { method: 'POST', path: '^/v2/WebChats$', status: 503, code: 20503, message: 'Service unavailable', times: 1 })).status, 201);
    const failed = await rejection(emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid }));
    assert.deepEqual([failed.status, failed.code], [503, 20503]);
    assert.match((await emulator.client.flexApi.v2.webChannels.create({ addressSid: O.addressSid })).conversationSid, /^CH/);
  });

  it('lets the first matching calls through when a fault skips some', async () => {
    await post('faults', { method: 'POST', path: '^/v1/Conversations$', status: 500, code: 20500, skip: 1, times: 1 });
    await emulator.client.conversations.v1.conversations.create({});
    assert.equal((await rejection(emulator.client.conversations.v1.conversations.create({}))).status, 500);
    await emulator.client.conversations.v1.conversations.create({});
  });

  it('delays matching calls when a fault has only a delay, and clears faults on request', async () => {
    await post('faults', { path: '/Conversations$', delayMs: 150 });
    const started = Date.now();
    await emulator.client.conversations.v1.conversations.create({});
    assert.ok(Date.now() - started >= 140);
    await fetch(`${emulator.url}/__emulator/faults`, { method: 'DELETE' });
    await post('faults', { path: '.*', status: 500, code: 20500 });
    await post('reset', {});
    await emulator.client.conversations.v1.conversations.create({});
  });

  it('refuses malformed fault specifications with a readable 400', async () => {
    for (const bad of [{}, { path: '(' }, { path: 'x' }, { path: 'x', status: 503 }, { path: 'x', status: 200, code: 1 }, { path: 'x', delayMs: 5, tims: 1 }]) {
      const response = await post('faults', bad);
      assert.equal(response.status, 400);
      assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
    }
    assert.equal((await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: 'not json' })).status, 400);
  });

  it('answers 404 for unknown conversations and unknown controls', async () => {
    assert.equal((await fetch(`${emulator.url}/__emulator/conversations/CH0`)).status, 404);
    assert.equal((await fetch(`${emulator.url}/__emulator/nope`)).status, 404);
  });
});
