import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { agentIdentity } from '../../scripts/emulator/desk';
import type { DeskConversationView, DeskJoinView, ParticipantView, SnapshotView } from '../../scripts/emulator/protocol';
import { SseClient } from '../support/sse-client';
import { TEST_EMULATOR_OPTIONS as O, accessToken, twilioAt, useEmulator } from '../support/twilio-at-emulator';

describe('emulator agent desk', () => {
  const emulator = useEmulator();
  let conversationSid: string;

  beforeEach(async () => {
    const chat = await emulator.client.flexApi.v2.webChannels.create({
      addressSid: O.addressSid,
      chatFriendlyName: 'Chat with Ada',
      customerFriendlyName: 'Ada',
      preEngagementData: JSON.stringify({ friendlyName: 'Ada', question: 'Where is my order?' }),
    });
    conversationSid = chat.conversationSid;
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}/desk/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('serves a page without inline code under a strict CSP, with its script and styles', async () => {
    const page = await fetch(`${emulator.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await page.text();
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'every script has a src');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /style=/, 'no inline styles');
    for (const testId of ['desk-display-name', 'desk-conversation-list', 'desk-messages', 'desk-composer', 'desk-send', 'desk-file', 'desk-typing', 'desk-mark-read', 'desk-end']) {
      assert.match(html, new RegExp(`data-testid="${testId}"`));
    }
    const script = await fetch(`${emulator.url}/desk.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /EventSource/);
    assert.equal((await fetch(`${emulator.url}/desk.css`)).status, 200);
  });

  it('lists conversations newest first with their pre-engagement data', async () => {
    const second = await emulator.client.conversations.v1.conversations.create({ friendlyName: 'second' });
    const list = (await (await fetch(`${emulator.url}/desk/api/conversations`)).json()) as DeskConversationView[];
    assert.deepEqual(list.map((c) => c.sid), [second.sid, conversationSid]);
    assert.deepEqual(list[1]?.attributes, { pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } });
    assert.deepEqual(list[1]?.participants.map((p) => p.friendlyName), ['Ada']);
  });

  it('joins an agent under their display name and gives them a token for the realtime endpoints', async () => {
    const { client: visitorStream } = await SseClient.open(`${emulator.url}/realtime/conversations/${conversationSid}/events?token=${encodeURIComponent(await visitorToken())}`);
    await visitorStream.next('ready');
    const response = await post(`conversations/${conversationSid}/join`, { displayName: '  Alice Smith ' });
    assert.equal(response.status, 200);
    const joined = (await response.json()) as DeskJoinView;
    assert.equal(joined.identity, 'agent-alice-smith');
    assert.equal((await emulator.client.conversations.v1.users(joined.identity).fetch()).friendlyName, 'Alice Smith');
    assert.equal(((await visitorStream.next('participantJoined')).data as ParticipantView).friendlyName, 'Alice Smith');
    const snapshot = (await (await fetch(`${emulator.url}/realtime/conversations/${conversationSid}`, { headers: { authorization: `Bearer ${joined.token}` } })).json()) as SnapshotView;
    assert.equal(snapshot.identity, joined.identity);
    visitorStream.close();

    const again = await post(`conversations/${conversationSid}/join`, { displayName: 'Alice Smith' });
    assert.equal(again.status, 200, 'joining twice is harmless');
    assert.equal((await emulator.client.conversations.v1.conversations(conversationSid).participants.list()).length, 2);
  });

  it('ends a conversation by closing it', async () => {
    const response = await post(`conversations/${conversationSid}/close`, {});
    assert.equal(response.status, 204);
    assert.equal((await emulator.client.conversations.v1.conversations(conversationSid).fetch()).state, 'closed');
  });

  it('refuses bad display names, unknown conversations, non-JSON posts and other sites', async () => {
    for (const displayName of ['', '   ', 'x'.repeat(65), 42]) {
      assert.equal((await post(`conversations/${conversationSid}/join`, { displayName })).status, 400);
    }
    assert.equal((await post(`conversations/CH${'0'.repeat(32)}/join`, { displayName: 'A' })).status, 404);
    const formPost = await fetch(`${emulator.url}/desk/api/conversations/${conversationSid}/close`, { method: 'POST', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(formPost.status, 400);
    const crossSite = await post(`conversations/${conversationSid}/close`, {}, { origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    const crossSiteReset = await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    assert.equal(crossSiteReset.status, 403);
    assert.equal((await emulator.client.conversations.v1.conversations(conversationSid).fetch()).state, 'active');
  });

  it('derives readable, stable agent identities from display names', () => {
    assert.equal(agentIdentity('Zoë O’Brien'), 'agent-zoe-o-brien');
    assert.equal(agentIdentity('<script>'), 'agent-script');
    assert.equal(agentIdentity('!!!'), 'agent-anonymous');
  });

  async function visitorToken(): Promise<string> {
    const participants = await emulator.client.conversations.v1.conversations(conversationSid).participants.list();
    return accessToken(participants[0]?.identity ?? '');
  }
});
