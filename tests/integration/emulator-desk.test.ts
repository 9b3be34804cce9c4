/**
 * The agent desk's page and API (scripts/emulator/desk/): the page is static under a strict CSP
 * that lets the SDK reach the emulator's WebSocket and media; joining answers an Access Token and
 * the WebSocket URI with which the real Conversations SDK runs as the agent; tokens renew.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Client, Participant } from '@twilio/conversations';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentIdentity } from '../../scripts/emulator/desk/desk-api';
import type { DeskConversationView, DeskJoinView, DeskTokenView } from '../../scripts/emulator/desk/desk-types';
import { twilsockUrl } from '../../scripts/emulator/realtime/twilsock-server';
import { connect, nextEvent } from '../support/conversations-sdk';
import { TEST_EMULATOR_OPTIONS as O, accessToken, useEmulator } from '../support/twilio-at-emulator';

describe('emulator agent desk', () => {
  const emulator = useEmulator();
  let conversationSid: string;
  let visitorIdentity: string;
  /** SDK clients of the running test, shut down after it. */
  let clients: Client[] = [];

  beforeEach(async () => {
    const chat = await emulator.client.flexApi.v2.webChannels.create({
      addressSid: O.addressSid,
      chatFriendlyName: 'Chat with Ada',
      customerFriendlyName: 'Ada',
      preEngagementData: JSON.stringify({ friendlyName: 'Ada', question: 'Where is my order?' }),
    });
    conversationSid = chat.conversationSid;
    visitorIdentity = chat.identity;
  });

  afterEach(async () => {
    await Promise.all(clients.map((client) => client.shutdown()));
    clients = [];
  });

  /** An initialised SDK client at the emulator's WebSocket (`twilsockUrl`). */
  async function sdkClient(token: string): Promise<Client> {
    const client = await connect(emulator.url, token);
    clients.push(client);
    return client;
  }

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}/desk/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('serves a page without inline code under a strict CSP that allows the SDK its socket and media, with its script and styles', async () => {
    const page = await fetch(`${emulator.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/unsafe-/);
    const origin = new URL(emulator.url).origin;
    expect(csp).toContain(`connect-src 'self' ${origin} ${origin.replace(/^http/, 'ws')};`);
    expect(csp).toContain(`img-src 'self' ${origin};`);
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/style=/);
    for (const testId of ['desk-display-name', 'desk-conversation-list', 'desk-messages', 'desk-composer', 'desk-send', 'desk-file', 'desk-typing', 'desk-mark-read', 'desk-end', 'desk-older', 'desk-connection-state', 'desk-drop', 'desk-expire', 'desk-faults-form', 'desk-faults-clear']) {
      expect(html).toMatch(new RegExp(`data-testid="${testId}"`));
    }
    const script = await fetch(`${emulator.url}/desk.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type') ?? '').toMatch(/javascript/);
    const code = await script.text();
    // The real SDK is bundled (its twilsock client), the old home-made realtime stream is not.
    expect(code).toMatch(/twilsock/i);
    expect(code).not.toMatch(/EventSource/);
    expect((await fetch(`${emulator.url}/desk.css`)).status).toBe(200);
  });

  it('lists conversations newest first with their pre-engagement data', async () => {
    const second = await emulator.client.conversations.v1.conversations.create({ friendlyName: 'second' });
    const list = (await (await fetch(`${emulator.url}/desk/api/conversations`)).json()) as DeskConversationView[];
    expect(list.map((c) => c.sid)).toStrictEqual([second.sid, conversationSid]);
    expect(list[1]?.attributes).toStrictEqual({ pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } });
    expect(list[1]?.participants.map((p) => p.friendlyName)).toStrictEqual(['Ada']);
  });

  it('joins an agent under their display name with a token and WebSocket URI the real SDK connects with', async () => {
    const visitor = await sdkClient(accessToken(visitorIdentity));
    const visitorSide = await visitor.getConversationBySid(conversationSid);
    await visitorSide.getParticipants();
    const joinedEvent = nextEvent<[Participant]>(visitorSide, 'participantJoined');

    const response = await post(`conversations/${conversationSid}/join`, { displayName: '  Alice Smith ' });
    expect(response.status).toBe(200);
    const joined = (await response.json()) as DeskJoinView;
    expect(joined.identity).toBe('agent-alice-smith');
    expect(joined.websocketUri).toBe(twilsockUrl(emulator.url));
    expect(joined.websocketUri).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/wsconnect$/);
    expect(Date.parse(joined.expiration)).toBeGreaterThan(Date.now());
    expect((await emulator.client.conversations.v1.users(joined.identity).fetch()).friendlyName).toBe('Alice Smith');
    const [participant] = await joinedEvent;
    expect(participant.identity).toBe(joined.identity);
    expect((await participant.getUser()).friendlyName).toBe('Alice Smith');

    const agent = await sdkClient(joined.token);
    expect(agent.user.identity).toBe(joined.identity);
    const agentSide = await agent.getConversationBySid(conversationSid);
    expect(agentSide.attributes).toStrictEqual({ pre_engagement_data: { friendlyName: 'Ada', question: 'Where is my order?' } });

    const again = await post(`conversations/${conversationSid}/join`, { displayName: 'Alice Smith' });
    expect(again.status).toBe(200);
    expect((await emulator.client.conversations.v1.conversations(conversationSid).participants.list()).length).toBe(2);
  });

  it('renews the token of an agent who joined, for the same identity, and of no one else', async () => {
    expect((await post('token', { displayName: 'Alice Smith' })).status).toBe(404);
    await post(`conversations/${conversationSid}/join`, { displayName: 'Alice Smith' });
    const response = await post('token', { displayName: 'Alice Smith' });
    expect(response.status).toBe(200);
    const renewed = (await response.json()) as DeskTokenView;
    expect(renewed.identity).toBe('agent-alice-smith');
    const agent = await sdkClient(renewed.token);
    expect(agent.user.identity).toBe('agent-alice-smith');
    await agent.updateToken((await ((await post('token', { displayName: 'Alice Smith' })).json() as Promise<DeskTokenView>)).token);
    expect(agent.connectionState).toBe('connected');
    // Renewal joins nothing: still the visitor and the agent.
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
      expect((await post('token', { displayName })).status).toBe(400);
    }
    expect((await post(`conversations/CH${'0'.repeat(32)}/join`, { displayName: 'A' })).status).toBe(404);
    const formPost = await fetch(`${emulator.url}/desk/api/conversations/${conversationSid}/close`, { method: 'POST', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(formPost.status).toBe(400);
    const formToken = await fetch(`${emulator.url}/desk/api/token`, { method: 'POST', body: 'displayName=A', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(formToken.status).toBe(400);
    const crossSite = await post(`conversations/${conversationSid}/close`, {}, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await post('token', { displayName: 'A' }, { origin: 'https://evil.example' })).status).toBe(403);
    const crossSiteReset = await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(crossSiteReset.status).toBe(403);
    expect((await emulator.client.conversations.v1.conversations(conversationSid).fetch()).state).toBe('active');
  });

  it('derives readable, stable agent identities from display names', () => {
    expect(agentIdentity('Zoë O’Brien')).toBe('agent-zoe-o-brien');
    expect(agentIdentity('<script>')).toBe('agent-script');
    expect(agentIdentity('!!!')).toBe('agent-anonymous');
  });
});

describe('emulator agent desk before `npm run build`', () => {
  const emulator = useEmulator({ deskPageDir: path.join(tmpdir(), 'no-desk-built-here') });

  it('answers a page saying to run npm run build, and the script and styles likewise, instead of failing', async () => {
    const page = await fetch(`${emulator.url}/`);
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/not built[\s\S]*npm run build/);
    for (const file of ['desk.js', 'desk.css']) {
      const response = await fetch(`${emulator.url}/${file}`);
      expect(response.status).toBe(503);
      expect(await response.text()).toMatch(/npm run build/);
    }
    // The rest of the emulator still works.
    expect((await fetch(`${emulator.url}/desk/api/conversations`)).status).toBe(200);
  });
});
