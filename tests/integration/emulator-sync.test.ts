/**
 * The Sync REST subset through the real twilio library, including the exact calls the Functions make
 * for replay protection (a map item per challenge) and the chat ceiling (a list per minute), with the
 * `error.status`/`error.code` twilio-node exposes. Time is the emulator's injectable clock: no sleeps.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Twilio } from 'twilio';
import { objectOfBytes } from '../support/sized-json';
import { refusal, useEmulator } from '../support/twilio-at-emulator';

const SYNC_SERVICE_SID = 'IS' + '5'.repeat(32);
const START = new Date('2026-11-25T12:00:00Z');

let clock = START;
const advance = (seconds: number): void => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

/** What the Functions do: add the item, creating the collection on 404 (409 = another instance did). */
async function rememberChallenge(client: Twilio, service: string, key: string) {
  const maps = client.sync.v1.services(service).syncMaps;
  const create = () => maps('webchat-challenges').syncMapItems.create({ key, data: { used: true }, itemTtl: 300 });
  try {
    return await create();
  } catch (error) {
    if ((error as { status: number }).status !== 404) throw error;
    await maps.create({ uniqueName: 'webchat-challenges', ttl: 3600 }).catch((raced: { status: number }) => {
      if (raced.status !== 409) throw raced;
    });
    return create();
  }
}

async function countStart(client: Twilio, service: string, minute: string) {
  const lists = client.sync.v1.services(service).syncLists;
  const append = () => lists(`webchat-starts-${minute}`).syncListItems.create({ data: { at: minute }, itemTtl: 120 });
  try {
    return await append();
  } catch (error) {
    if ((error as { status: number }).status !== 404) throw error;
    await lists.create({ uniqueName: `webchat-starts-${minute}`, ttl: 120 }).catch((raced: { status: number }) => {
      if (raced.status !== 409) throw raced;
    });
    return append();
  }
}

describe('emulator Sync REST driven by the real twilio library', () => {
  const emulator = useEmulator({ syncServiceSid: SYNC_SERVICE_SID, now: () => clock });
  const sync = () => emulator.client.sync.v1;
  beforeEach(() => {
    clock = START;
  });

  it('fetches the default service by its alias and by its sid, and answers 404 54050 for any other', async () => {
    const byAlias = await sync().services('default').fetch();
    expect([byAlias.sid, byAlias.uniqueName, byAlias.url]).toStrictEqual([SYNC_SERVICE_SID, 'default', `https://sync.twilio.com/v1/Services/${SYNC_SERVICE_SID}`]);
    expect((await sync().services(SYNC_SERVICE_SID).fetch()).sid).toBe(SYNC_SERVICE_SID);
    const other = 'IS' + '6'.repeat(32);
    expect(await refusal(sync().services(other).fetch())).toStrictEqual([404, 54050]);
    expect(await refusal(sync().services(other).syncMaps.create({ uniqueName: 'm' }))).toStrictEqual([404, 54050]);
  });

  it('guards replays: the first use of a challenge is stored, the second is 409 54208', async () => {
    const first = await rememberChallenge(emulator.client, 'default', 'challenge-1');
    expect([first.key, first.data, first.serviceSid, first.createdBy]).toStrictEqual(['challenge-1', { used: true }, SYNC_SERVICE_SID, 'system']);
    expect(first.dateExpires).toStrictEqual(new Date(START.getTime() + 300_000));
    expect(await refusal(rememberChallenge(emulator.client, SYNC_SERVICE_SID, 'challenge-1'))).toStrictEqual([409, 54208]);
    expect((await rememberChallenge(emulator.client, SYNC_SERVICE_SID, 'challenge-2')).key).toBe('challenge-2');
  });

  it('answers 404 54200 for a missing map and 409 54301 when its unique name is taken', async () => {
    const maps = sync().services('default').syncMaps;
    expect(await refusal(maps('webchat-challenges').syncMapItems.create({ key: 'k', data: {} }))).toStrictEqual([404, 54200]);
    const map = await maps.create({ uniqueName: 'webchat-challenges', ttl: 3600 });
    expect(map.sid).toMatch(/^MP[0-9a-f]{32}$/);
    expect(map.dateExpires).toStrictEqual(new Date(START.getTime() + 3_600_000));
    expect(await refusal(maps.create({ uniqueName: 'webchat-challenges' }))).toStrictEqual([409, 54301]);
    expect((await maps(map.sid).fetch()).uniqueName).toBe('webchat-challenges');
    expect((await maps('webchat-challenges').fetch()).sid).toBe(map.sid);
  });

  it('fetches and deletes map items, after which the key is free again', async () => {
    await sync().services('default').syncMaps.create({ uniqueName: 'm' });
    const items = sync().services('default').syncMaps('m').syncMapItems;
    await items.create({ key: 'a b:c', data: { n: 1 } });
    expect((await items('a b:c').fetch()).data).toStrictEqual({ n: 1 });
    expect(await refusal(items('missing').fetch())).toStrictEqual([404, 54201]);
    expect(await items('a b:c').remove()).toBe(true);
    expect(await refusal(items('a b:c').fetch())).toStrictEqual([404, 54201]);
    expect(await refusal(items('a b:c').remove())).toStrictEqual([404, 54201]);
    expect((await items.create({ key: 'a b:c', data: { n: 2 } })).data).toStrictEqual({ n: 2 });
  });

  it('updates a map item\'s data and expiry, keeping what the update leaves out', async () => {
    await sync().services('default').syncMaps.create({ uniqueName: 'm' });
    const items = sync().services('default').syncMaps('m').syncMapItems;
    await items.create({ key: 'k', data: { n: 1 }, itemTtl: 60 });
    const updated = await items('k').update({ data: { n: 2 } });
    expect([updated.data, updated.revision, updated.dateExpires]).toStrictEqual([{ n: 2 }, '1', new Date(START.getTime() + 60_000)]);
    expect((await items('k').update({ itemTtl: 120 })).data).toStrictEqual({ n: 2 });
    advance(60);
    expect((await items('k').fetch()).data).toStrictEqual({ n: 2 });
    advance(60);
    expect(await refusal(items('k').update({ data: {} }))).toStrictEqual([404, 54201]);
  });

  it('reads a map\'s live items in key order, a page at a time', async () => {
    await sync().services('default').syncMaps.create({ uniqueName: 'slots' });
    const items = sync().services('default').syncMaps('slots').syncMapItems;
    for (const key of ['slot-2', 'slot-0', 'slot-1']) await items.create({ key, data: {}, itemTtl: key === 'slot-1' ? 30 : 60 });
    expect((await items.list({ pageSize: 2 })).map((item) => item.key)).toStrictEqual(['slot-0', 'slot-1', 'slot-2']);
    advance(30);
    expect((await items.list()).map((item) => [item.key, item.dateExpires])).toStrictEqual([
      ['slot-0', new Date(START.getTime() + 60_000)],
      ['slot-2', new Date(START.getTime() + 60_000)],
    ]);
  });

  it('answers 429 54009 past 20 writes a second to one map over the 10-second burst window, items included', async () => {
    await sync().services('default').syncMaps.create({ uniqueName: 'hot' });
    const items = sync().services('default').syncMaps('hot').syncMapItems;
    for (let i = 0; i < 200; i += 1) await items.create({ key: `k${i}`, data: {} });
    expect(await refusal(items.create({ key: 'one-more', data: {} }))).toStrictEqual([429, 54009]);
    expect((await items('k0').fetch()).key).toBe('k0');
    advance(10);
    expect((await items.create({ key: 'one-more', data: {} })).key).toBe('one-more');
  });

  it('counts starts per minute: list item indexes are 0, 1, 2 and the list reads back in order', async () => {
    const indexes = [];
    for (let i = 0; i < 3; i++) indexes.push((await countStart(emulator.client, 'default', '202611251200')).index);
    expect(indexes).toStrictEqual([0, 1, 2]);
    const items = sync().services('default').syncLists('webchat-starts-202611251200').syncListItems;
    expect((await items(1).fetch()).data).toStrictEqual({ at: '202611251200' });
    expect((await items.list({ pageSize: 2 })).map((item) => item.index)).toStrictEqual([0, 1, 2]);
    expect((await items.list({ order: 'desc', from: '1', bounds: 'inclusive' })).map((item) => item.index)).toStrictEqual([1, 0]);
    expect((await items.list({ from: '0', bounds: 'exclusive' })).map((item) => item.index)).toStrictEqual([1, 2]);
    expect(await refusal(items(7).fetch())).toStrictEqual([404, 54151]);
    expect(await refusal(sync().services('default').syncLists('nope').syncListItems.create({ data: {} }))).toStrictEqual([404, 54150]);
    expect(await refusal(sync().services('default').syncLists.create({ uniqueName: 'webchat-starts-202611251200' }))).toStrictEqual([409, 54301]);
  });

  it('lets items and collections expire on the emulator clock, never reusing a list index', async () => {
    const lists = sync().services('default').syncLists;
    const list = await lists.create({ uniqueName: 'ttl-list', ttl: 600 });
    const items = lists(list.sid).syncListItems;
    expect((await items.create({ data: {}, itemTtl: 60 })).index).toBe(0);
    advance(59);
    expect((await items(0).fetch()).index).toBe(0);
    advance(1);
    expect(await refusal(items(0).fetch())).toStrictEqual([404, 54151]);
    expect((await items.create({ data: {}, ttl: 0 })).index).toBe(1);
    expect((await items(1).fetch()).dateExpires).toBe(null);
    advance(540);
    expect(await refusal(lists('ttl-list').fetch())).toStrictEqual([404, 54150]);
    expect((await lists.create({ uniqueName: 'ttl-list' })).dateExpires).toBe(null);
  });

  it('frees an expired map item key and extends a collection with CollectionTtl', async () => {
    const maps = sync().services('default').syncMaps;
    await maps.create({ uniqueName: 'm', ttl: 10 });
    const items = maps('m').syncMapItems;
    await items.create({ key: 'k', data: {}, ttl: 5, collectionTtl: 100 });
    advance(5);
    expect((await items.create({ key: 'k', data: { again: true } })).data).toStrictEqual({ again: true });
    advance(50);
    expect((await maps('m').fetch()).dateExpires).toStrictEqual(new Date(START.getTime() + 100_000));
    advance(45);
    expect(await refusal(maps('m').fetch())).toStrictEqual([404, 54200]);
  });

  it('lets CollectionTtl and ItemTtl win over their alias Ttl when both are given', async () => {
    const maps = sync().services('default').syncMaps;
    expect((await maps.create({ uniqueName: 'both', ttl: 10, collectionTtl: 100 })).dateExpires).toStrictEqual(new Date(START.getTime() + 100_000));
    expect((await maps('both').syncMapItems.create({ key: 'k', data: {}, ttl: 5, itemTtl: 50 })).dateExpires).toStrictEqual(new Date(START.getTime() + 50_000));
    expect((await maps.create({ uniqueName: 'alias', ttl: 10 })).dateExpires).toStrictEqual(new Date(START.getTime() + 10_000));
  });

  it('refuses TTLs outside 0..31,536,000 seconds with 400 54011', async () => {
    const maps = sync().services('default').syncMaps;
    expect((await maps.create({ uniqueName: 'year', ttl: 31_536_000 })).dateExpires).toStrictEqual(new Date(START.getTime() + 31_536_000_000));
    expect(await refusal(maps.create({ uniqueName: 'longer', ttl: 31_536_001 }))).toStrictEqual([400, 54011]);
    expect(await refusal(maps('year').syncMapItems.create({ key: 'k', data: {}, itemTtl: -1 }))).toStrictEqual([400, 54011]);
  });

  it('takes item data of exactly 16 KiB and refuses one byte more with 413 54006', async () => {
    await sync().services('default').syncMaps.create({ uniqueName: 'm' });
    await sync().services('default').syncLists.create({ uniqueName: 'l' });
    const mapItems = sync().services('default').syncMaps('m').syncMapItems;
    const listItems = sync().services('default').syncLists('l').syncListItems;
    await mapItems.create({ key: 'fits', data: objectOfBytes(16 * 1024) });
    expect(await refusal(mapItems.create({ key: 'over', data: objectOfBytes(16 * 1024 + 1) }))).toStrictEqual([413, 54006]);
    await listItems.create({ data: objectOfBytes(16 * 1024) });
    expect(await refusal(listItems.create({ data: objectOfBytes(16 * 1024 + 1) }))).toStrictEqual([413, 54006]);
  });

  it('refuses bad keys, unique names and data with Sync codes', async () => {
    const maps = sync().services('default').syncMaps;
    await maps.create({ uniqueName: 'm' });
    const items = maps('m').syncMapItems;
    expect((await items.create({ key: 'k'.repeat(320), data: {} })).key.length).toBe(320);
    expect(await refusal(items.create({ key: 'k'.repeat(321), data: {} }))).toStrictEqual([400, 54209]);
    expect(await refusal(maps.create({ uniqueName: `MP${'a'.repeat(32)}` }))).toStrictEqual([400, 54302]);
    expect(await refusal(items.create({ key: 'list', data: [1] }))).toStrictEqual([400, 54206]);
    await sync().services('default').syncLists.create({ uniqueName: 'l' });
    expect(await refusal(sync().services('default').syncLists('l').syncListItems.create({ data: 'not json' }))).toStrictEqual([400, 54156]);
  });
});
