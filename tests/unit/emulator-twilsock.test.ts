/**
 * Unit tests for the emulator's twilsock building blocks that the SDK suite cannot reach directly:
 * the frame codec against the SDK's own parser, and Sync item paging with page tokens (the SDK
 * pages with `From`, but Twilio's tokens must work too).
 */
import { describe, expect, it } from '@jest/globals';
import { ConversationsStore } from '../../scripts/emulator/store/conversations-store';
import { decodeFrame, encodeFrame } from '../../scripts/emulator/realtime/frames';
import { Projection } from '../../scripts/emulator/realtime/projection';
import { syncRoutes } from '../../scripts/emulator/realtime/sync-api';
import type { SessionSubscriptions } from '../../scripts/emulator/realtime/subscriptions';
import { Tunnel } from '../../scripts/emulator/realtime/tunnel';

describe('twilsock frames', () => {
  it('round-trips a header and a JSON payload with multi-byte characters', () => {
    const frame = encodeFrame({ method: 'notification', id: 'TM1', message_type: 'x' }, { text: 'héllo ✓' });
    const decoded = decodeFrame(frame);
    expect(decoded.header).toMatchObject({ method: 'notification', id: 'TM1', payload_type: 'application/json' });
    expect(decoded.payload).toEqual({ text: 'héllo ✓' });
    expect(frame.toString('latin1').startsWith('TWILSOCK V3.0 ')).toBe(true);
  });

  it('reads a text payload as text and refuses what is not a frame', () => {
    const header = Buffer.from(JSON.stringify({ method: 'message', payload_size: 9, payload_type: 'application/x-www-form-urlencoded' }));
    const frame = Buffer.concat([Buffer.from(`TWILSOCK V3.0 ${header.length}\r\n`), header, Buffer.from('\r\nA=1&B=two')]);
    expect(decodeFrame(frame).payload).toBe('A=1&B=two');
    expect(() => decodeFrame(Buffer.from('HELLO'))).toThrow('not a TWILSOCK V3.0 frame');
  });
});

describe('Sync list paging', () => {
  const store = new ConversationsStore();
  const conversation = store.createConversation({});
  store.addParticipant(conversation, { identity: 'ada' });
  for (let i = 0; i < 5; i += 1) store.addMessage(conversation, { author: 'ada', body: `m${i}`, webhookEnabled: false });
  const tunnel = new Tunnel(syncRoutes(new Projection(store, () => undefined)));
  const caller = { identity: 'ada', subscriptions: {} as SessionSubscriptions };
  const get = (path: string, params: Record<string, string>) =>
    tunnel.handle(caller, { host: 'cds.us1.twilio.com', path, method: 'GET', params, headers: {} }, undefined, 'application/json');
  const listPath = `/v3/Lists/${conversation.sid}.messages/Items`;
  const indexes = (body: unknown): number[] => (body as { items: { index: number }[] }).items.map((item) => item.index);
  const meta = (body: unknown) => (body as { meta: { previous_token: string | null; next_token: string | null } }).meta;

  it('pages from an inclusive From in either order', () => {
    const newest = get(listPath, { PageSize: '2', Order: 'desc' });
    expect(indexes(newest.body)).toEqual([4, 3]);
    expect(meta(newest.body).previous_token).toBeNull();
    expect(meta(newest.body).next_token).not.toBeNull();
    expect(indexes(get(listPath, { PageSize: '2', Order: 'desc', From: '3' }).body)).toEqual([3, 2]);
  });

  it('follows page tokens forwards and back', () => {
    const first = get(listPath, { PageSize: '2', Order: 'asc' });
    const second = get(listPath, { PageSize: '2', PageToken: meta(first.body).next_token ?? '' });
    expect(indexes(second.body)).toEqual([2, 3]);
    const back = get(listPath, { PageSize: '2', PageToken: meta(second.body).previous_token ?? '' });
    expect(indexes(back.body)).toEqual([0, 1]);
    expect(meta(back.body).previous_token).toBeNull();
  });

  it('refuses readers who are not participants', () => {
    const stranger = tunnel.handle({ identity: 'mallory', subscriptions: {} as SessionSubscriptions }, { host: 'cds', path: listPath, method: 'GET', params: {}, headers: {} }, undefined, 'application/json');
    expect(stranger.status).toBe(403);
  });
});
