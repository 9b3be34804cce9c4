import { describe, expect, it } from '@jest/globals';
import { SyncStore } from '../../scripts/emulator/store/sync-store';
import { thrownTwilioError } from '../support/thrown-twilio-error';

const SERVICE_SID = 'IS' + '7'.repeat(32);
const code = (fn: () => unknown): number => thrownTwilioError(fn).code;

describe('emulator Sync store', () => {
  it('answers for the default service by sid and by the default alias only', () => {
    const sync = new SyncStore(SERVICE_SID);
    expect(sync.findService('default')?.sid).toBe(SERVICE_SID);
    expect(sync.findService(SERVICE_SID)?.uniqueName).toBe('default');
    expect(sync.findService('IS' + '8'.repeat(32))).toBe(undefined);
  });

  it('keeps map and list names apart and finds each kind only under its own kind', () => {
    const sync = new SyncStore(SERVICE_SID);
    const map = sync.createCollection('map', { uniqueName: 'shared' });
    const list = sync.createCollection('list', { uniqueName: 'shared' });
    expect(sync.requireCollection('map', 'shared')).toBe(map);
    expect(sync.requireCollection('list', 'shared')).toBe(list);
    expect(code(() => sync.requireCollection('list', map.sid))).toBe(54150);
    expect(code(() => sync.requireCollection('map', list.sid))).toBe(54200);
  });

  it('never reuses a list index after its item is removed, and bumps the list revision on every change', () => {
    const sync = new SyncStore(SERVICE_SID);
    const list = sync.createCollection('list', {});
    const first = sync.addListItem(list, { data: {} });
    sync.removeItem(list, first);
    expect(sync.addListItem(list, { data: {} }).id).toBe('1');
    expect(list.revision).toBe(3);
    expect(sync.listItems(list).map((item) => item.id)).toStrictEqual(['1']);
  });

  it('expires a collection exactly when its TTL has passed on the clock, taking its items along', () => {
    let now = new Date('2026-11-25T12:00:00Z');
    const sync = new SyncStore(SERVICE_SID, () => now);
    const map = sync.createCollection('map', { uniqueName: 'm', ttl: 30 });
    sync.addMapItem(map, 'k', { data: { a: 1 } });
    now = new Date('2026-11-25T12:00:29.999Z');
    expect(sync.requireItem(sync.requireCollection('map', 'm'), 'k').data).toStrictEqual({ a: 1 });
    now = new Date('2026-11-25T12:00:30Z');
    expect(code(() => sync.requireCollection('map', 'm'))).toBe(54200);
    expect(sync.createCollection('map', { uniqueName: 'm' }).items.size).toBe(0);
  });

  it('forgets every map and list on reset', () => {
    const sync = new SyncStore(SERVICE_SID);
    sync.createCollection('map', { uniqueName: 'm' });
    sync.reset();
    expect(code(() => sync.requireCollection('map', 'm'))).toBe(54200);
  });
  it('limits each object to 200 writes and, apart, 200 reads in any 10 seconds (20/s over the burst window), with 429 54009', () => {
    let now = new Date('2026-11-25T12:00:00Z');
    const sync = new SyncStore(SERVICE_SID, () => now);
    const busy = sync.createCollection('map', { uniqueName: 'busy' });
    const other = sync.createCollection('list', { uniqueName: 'other' });
    for (let i = 0; i < 200; i += 1) sync.charge(busy, 'write');
    const refused = thrownTwilioError(() => sync.charge(busy, 'write'));
    expect([refused.status, refused.code]).toStrictEqual([429, 54009]);
    sync.charge(busy, 'read');
    sync.charge(other, 'write');
    now = new Date(now.getTime() + 9_999);
    expect(code(() => sync.charge(busy, 'write'))).toBe(54009);
    now = new Date(now.getTime() + 1);
    sync.charge(busy, 'write');
    sync.reset();
    for (let i = 0; i < 200; i += 1) sync.charge(busy, 'read');
  });
});
