import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
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
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy') ?? '').toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/style=/);
    for (const testId of ['desk-display-name', 'desk-conversation-list', 'desk-messages', 'desk-composer', 'desk-send', 'desk-file', 'desk-typing', 'desk-mark-read', 'desk-end']) {
      expect(html).toMatch(new RegExp(`data-testid="${testId}"`));
    }
    const script = await fetch(`${emulator.url}/desk.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type') ?? '').toMatch(/javascript/);
    expect(await script.text()).toMatch(/EventSource/);
    expect((await fetch(`${emulator.url}/desk.css`)).status).toBe(200);
  });

  it('lists conversations newest first with their pre-engagement data', async () => {
    const second = await emulator.client.conversations.v1.conversations.create({ friendlyName: 'second' });
    const list = (await (await fetch(`${emulator.url}/desk/api/conversations`)).json()) as DeskConversationView[];
    expect(list.map((c) => c.sid)).toStrictEqual([second.sid, conversationSid]);
    expect(list[1]?.attributes).toStrictEqual({ pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } });
    expect(list[1]?.participants.map((p) => p.friendlyName)).toStrictEqual(['Ada']);
  });

  it('joins an agent under their display name and gives them a token for the realtime endpoints', async () => {
    const { client: visitorStream } = await SseClient.open(`${emulator.url}/realtime/conversations/${conversationSid}/events?token=${encodeURIComponent(await visitorToken())}`);
    await visitorStream.next('ready');
    const response = await post(`conversations/${conversationSid}/join`, { displayName: '  Alice Smith ' });
    expect(response.status).toBe(200);
    const joined = (await response.json()) as DeskJoinView;
    expect(joined.identity).toBe('agent-alice-smith');
    expect((await emulator.client.conversations.v1.users(joined.identity).fetch()).friendlyName).toBe('Alice Smith');
    expect(((await visitorStream.next('participantJoined')).data as ParticipantView).friendlyName).toBe('Alice Smith');
    const snapshot = (await (await fetch(`${emulator.url}/realtime/conversations/${conversationSid}`, { headers: { authorization: `Bearer ${joined.token}` } })).json()) as SnapshotView;
    expect(snapshot.identity).toBe(joined.identity);
    visitorStream.close();

    const again = await post(`conversations/${conversationSid}/join`, { displayName: 'Alice Smith' });
    expect(again.status).toBe(200);
    expect((await emulator.client.conversations.v1.conversations(conversationSid).participants.list()).length).toBe(2);
  });

  it('ends a conversation by closing it', async () => {
    const response = await post(`conversations/${conversationSid}/close`, {});
    expect(response.status).toBe(204);
    expect((await emulator.client.conversations.v1.conversations(conversationSid).fetch()).state).toBe('closed');
  });

  it('refuses bad display names, unknown conversations, non-JSON posts and other sites', async () => {
    for (const displayName of ['', '   ', 'x'.repeat(65), 42]) {
      expect((await post(`conversations/${conversationSid}/join`, { displayName })).status).toBe(400);
    }
    expect((await post(`conversations/CH${'0'.repeat(32)}/join`, { displayName: 'A' })).status).toBe(404);
    const formPost = await fetch(`${emulator.url}/desk/api/conversations/${conversationSid}/close`, { method: 'POST', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(formPost.status).toBe(400);
    const crossSite = await post(`conversations/${conversationSid}/close`, {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const crossSiteReset = await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(crossSiteReset.status).toBe(403);
    expect((await emulator.client.conversations.v1.conversations(conversationSid).fetch()).state).toBe('active');
  });

  it('derives readable, stable agent identities from display names', () => {
    expect(agentIdentity('Zoë O’Brien')).toBe('agent-zoe-o-brien');
    expect(agentIdentity('<script>')).toBe('agent-script');
    expect(agentIdentity('!!!')).toBe('agent-anonymous');
  });

  async function visitorToken(): Promise<string> {
    const participants = await emulator.client.conversations.v1.conversations(conversationSid).participants.list();
    return accessToken(participants[0]?.identity ?? '');
  }
});
