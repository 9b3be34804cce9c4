import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { defined } from '../support/defined';
import { MAX_MEDIA_BYTES } from '../../scripts/emulator/realtime';
import type { MediaUrlView, MediaView, MessagePageView, MessageView, ParticipantView, SnapshotView } from '../../scripts/emulator/protocol';
import { SseClient } from '../support/sse-client';
import { TEST_EMULATOR_OPTIONS as O, accessToken, twilioAt, useEmulator } from '../support/twilio-at-emulator';

describe('emulator realtime endpoints', () => {
  const emulator = useEmulator();
  let streams: SseClient[] = [];
  let chat: { conversationSid: string; identity: string; token: string };

  beforeEach(async () => {
    const created = await emulator.client.flexApi.v2.webChannels.create({
      addressSid: O.addressSid,
      customerFriendlyName: 'Ada',
      preEngagementData: JSON.stringify({ question: 'Where is my order?' }),
    });
    chat = { conversationSid: created.conversationSid, identity: created.identity, token: accessToken(created.identity) };
  });
  afterEach(() => {
    for (const stream of streams) stream.close();
    streams = [];
  });

  const base = () => `${emulator.url}/realtime/conversations/${chat.conversationSid}`;
  const call = (path: string, init: RequestInit = {}, token = chat.token) =>
    fetch(`${base()}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...init.headers } });
  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

  async function stream(token = chat.token): Promise<SseClient> {
    const { client: sse, status } = await SseClient.open(`${base()}/events?token=${encodeURIComponent(token)}`);
    expect(status).toBe(200);
    streams.push(sse);
    await sse.next('ready');
    return sse;
  }

  async function joinAgent(name: string, identity: string): Promise<string> {
    await emulator.client.conversations.v1.users.create({ identity, friendlyName: name });
    await emulator.client.conversations.v1.conversations(chat.conversationSid).participants.create({ identity });
    return accessToken(identity);
  }

  it('gives a participant the conversation, its participants with user names and the newest messages', async () => {
    await emulator.client.conversations.v1.conversations(chat.conversationSid).messages.create({ author: chat.identity, body: 'Where is my order?' });
    const snapshot = await json<SnapshotView>(await call(''));
    expect(snapshot.identity).toBe(chat.identity);
    expect(snapshot.conversation.state).toBe('active');
    expect(snapshot.conversation.attributes).toStrictEqual({ pre_engagement_data: { question: 'Where is my order?' } });
    expect(snapshot.participants.map((p) => [p.identity, p.friendlyName])).toStrictEqual([[chat.identity, 'Ada']]);
    expect(snapshot.latest.messages.map((m) => m.body)).toStrictEqual(['Where is my order?']);
    expect(snapshot.latest.hasMore).toBe(false);
  });

  it('refuses missing, forged, foreign, expired and non-participant tokens with Twilio codes', async () => {
    const cases: [string, string | undefined, number, number][] = [
      ['missing', undefined, 401, 20101],
      ['garbage', 'not-a-jwt', 401, 20101],
      ['wrong secret', accessToken(chat.identity, { apiSecret: 'another-secret-of-sufficient-length' }), 401, 20107],
      ['wrong issuer', accessToken(chat.identity, { apiKey: 'SK' + '9'.repeat(32) }), 401, 20103],
      ['expired', accessToken(chat.identity, { ttl: -60 }), 401, 20104],
      ['other service', accessToken(chat.identity, { serviceSid: 'IS' + '8'.repeat(32) }), 401, 20106],
      ['not a participant', accessToken('someone-else'), 403, 50430],
    ];
    for (const [label, token, status, code] of cases) {
      const response = await fetch(base(), token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(status);
      expect((await json<{ code: number }>(response)).code).toBe(code);
    }
    const events = await SseClient.open(`${base()}/events?token=${encodeURIComponent(accessToken('someone-else'))}`);
    expect(events.status).toBe(403);
    expect((await fetch(`${emulator.url}/realtime/conversations/CH${'0'.repeat(32)}`, { headers: { authorization: `Bearer ${chat.token}` } })).status).toBe(404);
  });

  it('accepts the token in the query string only for the event stream', async () => {
    const response = await fetch(`${base()}?token=${encodeURIComponent(chat.token)}`);
    expect(response.status).toBe(401);
  });

  it('pushes messages, participants, user names and state changes made over REST to the stream', async () => {
    const visitor = await stream();
    await joinAgent('Alice', 'agent-alice');
    expect(((await visitor.next('participantJoined')).data as ParticipantView).friendlyName).toBe('Alice');
    const conversation = emulator.client.conversations.v1.conversations(chat.conversationSid);
    await conversation.messages.create({ author: 'agent-alice', body: 'Hello, I am Alice' });
    expect(((await visitor.next('messageAdded')).data as MessageView).body).toBe('Hello, I am Alice');
    await emulator.client.conversations.v1.users('agent-alice').update({ friendlyName: 'Alice B.' });
    expect(((await visitor.next('participantUpdated')).data as ParticipantView).friendlyName).toBe('Alice B.');
    const message = defined((await conversation.messages.list())[0]);
    await conversation.messages(message.sid).update({ body: 'Hello!' });
    expect(((await visitor.next('messageUpdated')).data as MessageView).body).toBe('Hello!');
    await conversation.messages(message.sid).remove();
    expect((await visitor.next('messageRemoved')).data).toStrictEqual({ sid: message.sid, index: message.index });
    await conversation.participants('agent-alice').remove();
    expect(((await visitor.next('participantLeft')).data as ParticipantView).identity).toBe('agent-alice');
    await conversation.update({ state: 'closed' });
    expect(((await visitor.next('conversationUpdated')).data as { state: string }).state).toBe('closed');
  });

  it('ends the stream of a participant removed from the conversation', async () => {
    const agentStream = await stream(await joinAgent('Alice', 'agent-alice'));
    await emulator.client.conversations.v1.conversations(chat.conversationSid).participants('agent-alice').remove();
    await agentStream.next('participantLeft');
    await expect(agentStream.next('never')).rejects.toThrow(/no never event/);
    expect(agentStream.ended).toBe(true);
  });

  it('tells others, not the typist, that someone is typing, and that it ended when they send', async () => {
    const agentStream = await stream(await joinAgent('Alice', 'agent-alice'));
    const visitorStream = await stream();
    expect((await call('/typing', { method: 'POST' })).status).toBe(204);
    expect(((await agentStream.next('typingStarted')).data as ParticipantView).identity).toBe(chat.identity);
    expect((await call('/typing', { method: 'POST' })).status).toBe(204);
    expect((await call('/messages', { method: 'POST', body: JSON.stringify({ body: 'done typing' }) })).status).toBe(201);
    expect(((await agentStream.next('typingEnded')).data as ParticipantView).identity).toBe(chat.identity);
    await visitorStream.next('messageAdded');
    expect(agentStream.pending('typingStarted').length).toBe(0);
    expect(visitorStream.pending('typingStarted').length).toBe(0);
  });

  it('stores messages sent by the visitor as authored by their identity with webhooks on', async () => {
    const response = await call('/messages', { method: 'POST', body: JSON.stringify({ body: 'hi', attributes: { a: 1 } }) });
    expect(response.status).toBe(201);
    const sent = await json<MessageView>(response);
    expect([sent.author, sent.body, sent.attributes]).toStrictEqual([chat.identity, 'hi', { a: 1 }]);
    const detail = await json<{ messages: { webhookEnabled: boolean }[] }>(await fetch(`${emulator.url}/__emulator/conversations/${chat.conversationSid}`));
    expect(detail.messages.map((m) => m.webhookEnabled)).toStrictEqual([true]);
    for (const bad of ['{}', '[]', 'nope', JSON.stringify({ body: 5 }), JSON.stringify({ mediaSids: 'x' }), JSON.stringify({ body: 'x'.repeat(1601) })]) {
      expect((await call('/messages', { method: 'POST', body: bad })).status).toBe(400);
    }
  });

  it('refuses messages to a closed conversation', async () => {
    await emulator.client.conversations.v1.conversations(chat.conversationSid).update({ state: 'closed' });
    const response = await call('/messages', { method: 'POST', body: JSON.stringify({ body: 'late' }) });
    expect(response.status).toBe(400);
    expect((await json<{ code: number }>(response)).code).toBe(50350);
  });

  it('moves the read horizon, visible over REST and pushed as a participant update', async () => {
    const agentStream = await stream(await joinAgent('Alice', 'agent-alice'));
    await emulator.client.conversations.v1.conversations(chat.conversationSid).messages.create({ author: 'agent-alice', body: 'one' });
    expect((await call('/read', { method: 'POST', body: JSON.stringify({ index: 0 }) })).status).toBe(204);
    const update = await agentStream.next('participantUpdated', (p) => (p as ParticipantView).identity === chat.identity);
    expect((update.data as ParticipantView).lastReadMessageIndex).toBe(0);
    const participant = await emulator.client.conversations.v1.conversations(chat.conversationSid).participants(chat.identity).fetch();
    expect(participant.lastReadMessageIndex).toBe(0);
    expect((await call('/read', { method: 'POST', body: JSON.stringify({ index: -1 }) })).status).toBe(400);
  });

  it('pages older and newer messages around an index', async () => {
    const messages = emulator.client.conversations.v1.conversations(chat.conversationSid).messages;
    for (let i = 0; i < 5; i++) await messages.create({ author: 'x', body: `m${i}` });
    const older = await json<MessagePageView>(await call('/messages?before=4&pageSize=2'));
    expect([older.messages.map((m) => m.index), older.hasMore]).toStrictEqual([[2, 3], true]);
    const newer = await json<MessagePageView>(await call('/messages?after=1&pageSize=2'));
    expect([newer.messages.map((m) => m.index), newer.hasMore]).toStrictEqual([[2, 3], true]);
    expect((await call('/messages?pageSize=0')).status).toBe(400);
  });

  it('uploads media, attaches it to a message and serves it through a short-lived signed URL', async () => {
    const bytes = Buffer.from('%PDF-1.4 fake');
    const upload = await call('/media?filename=' + encodeURIComponent('invoice <1>.pdf'), { method: 'POST', body: bytes, headers: { 'content-type': 'application/pdf' } });
    expect(upload.status).toBe(201);
    const media = await json<MediaView>(upload);
    expect([media.filename, media.contentType, media.size]).toStrictEqual(['invoice <1>.pdf', 'application/pdf', bytes.length]);
    expect((await call(`/media/${media.sid}`)).status).toBe(404);
    const sent = await json<MessageView>(await call('/messages', { method: 'POST', body: JSON.stringify({ mediaSids: [media.sid] }) }));
    expect(sent.media).toStrictEqual([media]);
    const rest = await emulator.client.conversations.v1.conversations(chat.conversationSid).messages(sent.sid).fetch();
    expect(rest.media).toStrictEqual([{ sid: media.sid, content_type: 'application/pdf', filename: 'invoice <1>.pdf', size: bytes.length, category: 'media' }]);

    const { url } = await json<MediaUrlView>(await call(`/media/${media.sid}`));
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toStrictEqual(bytes);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition') ?? '').toMatch(/^attachment; filename\*=UTF-8''invoice%20%3C1%3E\.pdf$/);
    expect((await fetch(url.replace(/signature=[^&]+/, 'signature=forged'))).status).toBe(403);
    expect((await fetch(url.replace(/expires=\d+/, 'expires=1'))).status).toBe(403);
  });

  it('refuses uploads without a file name, empty, or over the size limit', async () => {
    expect((await call('/media', { method: 'POST', body: Buffer.from('x') })).status).toBe(400);
    expect((await call('/media?filename=a.txt', { method: 'POST', body: Buffer.alloc(0) })).status).toBe(400);
    const tooBig = await call('/media?filename=big.bin', { method: 'POST', body: Buffer.alloc(MAX_MEDIA_BYTES + 1) });
    expect(tooBig.status).toBe(413);
  });

  it('answers CORS preflights and echoes the page origin', async () => {
    const preflight = await fetch(`${base()}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers') ?? '').toMatch(/Authorization/);
    const answer = await call('', { headers: { origin: 'http://localhost:3000' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('ends the stream with tokenExpired when the token expires', async () => {
    const visitor = await stream(accessToken(chat.identity, { ttl: 1 }));
    await visitor.next('tokenExpired', undefined, 3000);
  });

  it('ends every stream when the emulator is reset', async () => {
    const visitor = await stream();
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    await expect(visitor.next('never', undefined, 2000)).rejects.toThrow(/no never event/);
    expect(visitor.ended).toBe(true);
  });
});
