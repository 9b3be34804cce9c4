/**
 * The account's default Twilio Sync service as the REST API sees it: maps and lists with their
 * items, unique names, revisions and time-to-live. Pure (no HTTP), like conversations-store.ts.
 * Separate from the Sync objects behind the Conversations SDK (realtime/sync-objects.ts): those
 * live in the Conversations service's own Sync instance, which Twilio does not expose over REST.
 *
 * TTL: Twilio garbage-collects expired objects "approximately" on time
 * (https://www.twilio.com/docs/sync/objects-ttl); the emulator drops them the moment their
 * expiry passes on its clock, which is the earliest Twilio could, so callers cannot rely on
 * expired data lingering.
 */
import { newSid } from './sids';
import { SyncRateLimit, type SyncAccess } from './sync-rate-limit';
import { collectionNotFound, checkUniqueName, itemNotFound, mapItemExists, uniqueNameTaken, type SyncCollectionKind } from './sync-rules';

export interface SyncServiceRecord {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface SyncItemRecord {
  /** The map item's key, or the list item's index as a decimal string. */
  id: string;
  data: Record<string, unknown>;
  revision: number;
  dateCreated: Date;
  dateUpdated: Date;
  dateExpires: Date | null;
}

export interface SyncCollectionRecord {
  kind: SyncCollectionKind;
  sid: string;
  uniqueName: string | null;
  revision: number;
  dateCreated: Date;
  dateUpdated: Date;
  dateExpires: Date | null;
  /** In insertion order; list indexes are never reused, even after a delete or an expiry. */
  items: Map<string, SyncItemRecord>;
  nextIndex: number;
}

export interface CollectionInput {
  uniqueName?: string;
  /** Seconds; 0 = never expires. */
  ttl?: number;
}

export interface ItemInput {
  data: Record<string, unknown>;
  /** Seconds; 0 = never expires. */
  itemTtl?: number;
  /** Sets the parent collection's TTL too. */
  collectionTtl?: number;
}

/** The alias Twilio accepts in place of the default Sync service's sid. */
export const DEFAULT_SYNC_SERVICE = 'default';

const SID_PREFIX = { map: 'MP', list: 'ES' } as const;

export class SyncStore {
  readonly service: SyncServiceRecord;
  private readonly collections = new Map<string, SyncCollectionRecord>();
  private readonly rates: SyncRateLimit;

  constructor(
    serviceSid: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    const created = now();
    this.service = { sid: serviceSid, uniqueName: DEFAULT_SYNC_SERVICE, friendlyName: 'Default Service', dateCreated: created, dateUpdated: created };
    this.rates = new SyncRateLimit(now);
  }

  reset(): void {
    this.collections.clear();
    this.rates.reset();
  }

  /** Counts one read or write of a collection's items against Sync's per-object rate limit (429 54009 beyond it). */
  charge(collection: SyncCollectionRecord, access: SyncAccess): void {
    this.rates.charge(collection.sid, access);
  }

  /** The service named by its sid or by the `default` alias, or undefined. */
  findService(sidOrAlias: string): SyncServiceRecord | undefined {
    return sidOrAlias === this.service.sid || sidOrAlias === DEFAULT_SYNC_SERVICE ? this.service : undefined;
  }

  /**
   * Unique names are checked per kind (a map and a list may share one): they are addressed under
   * different paths, and Twilio's 54301 page does not say whether the kinds share a namespace.
   */
  createCollection(kind: SyncCollectionKind, input: CollectionInput): SyncCollectionRecord {
    this.dropExpired();
    if (input.uniqueName !== undefined) {
      checkUniqueName(input.uniqueName);
      if (this.lookup(kind, input.uniqueName)) throw uniqueNameTaken(input.uniqueName);
    }
    const now = this.now();
    const collection: SyncCollectionRecord = {
      kind,
      sid: newSid(SID_PREFIX[kind]),
      uniqueName: input.uniqueName ?? null,
      revision: 0,
      dateCreated: now,
      dateUpdated: now,
      dateExpires: this.expiry(input.ttl, null),
      items: new Map(),
      nextIndex: 0,
    };
    this.collections.set(collection.sid, collection);
    return collection;
  }

  /** Twilio addresses a map or list by its sid or its unique name; 54200/54150 otherwise. */
  requireCollection(kind: SyncCollectionKind, sidOrUniqueName: string): SyncCollectionRecord {
    this.dropExpired();
    const collection = this.lookup(kind, sidOrUniqueName);
    if (!collection) throw collectionNotFound(kind, sidOrUniqueName);
    return collection;
  }

  /** A map item under a new key; 54208 when the key is taken (an expired item no longer takes it). */
  addMapItem(map: SyncCollectionRecord, key: string, input: ItemInput): SyncItemRecord {
    this.dropExpired();
    if (map.items.has(key)) throw mapItemExists(key);
    return this.insert(map, key, input);
  }

  /** A list item at the list's next index: 0 for the first, then one more than any index handed out. */
  addListItem(list: SyncCollectionRecord, input: ItemInput): SyncItemRecord {
    this.dropExpired();
    return this.insert(list, String(list.nextIndex++), input);
  }

  requireItem(collection: SyncCollectionRecord, id: string): SyncItemRecord {
    this.dropExpired();
    const item = collection.items.get(id);
    if (!item) throw itemNotFound(collection.kind, id);
    return item;
  }

  /** New data and/or expiry for an item; what is absent is kept. Each update bumps its revision. */
  updateItem(collection: SyncCollectionRecord, item: SyncItemRecord, input: Partial<ItemInput>): SyncItemRecord {
    if (input.data !== undefined) item.data = input.data;
    item.dateExpires = this.expiry(input.itemTtl, item.dateExpires);
    collection.dateExpires = this.expiry(input.collectionTtl, collection.dateExpires);
    item.revision += 1;
    item.dateUpdated = this.now();
    this.touch(collection);
    return item;
  }

  removeItem(collection: SyncCollectionRecord, item: SyncItemRecord): void {
    collection.items.delete(item.id);
    this.touch(collection);
  }

  /** Live items in insertion order (for lists, ascending index). */
  listItems(collection: SyncCollectionRecord): SyncItemRecord[] {
    this.dropExpired();
    return [...collection.items.values()];
  }

  private insert(collection: SyncCollectionRecord, id: string, input: ItemInput): SyncItemRecord {
    const now = this.now();
    const item: SyncItemRecord = { id, data: input.data, revision: 0, dateCreated: now, dateUpdated: now, dateExpires: this.expiry(input.itemTtl, null) };
    collection.items.set(id, item);
    collection.dateExpires = this.expiry(input.collectionTtl, collection.dateExpires);
    this.touch(collection);
    return item;
  }

  private touch(collection: SyncCollectionRecord): void {
    collection.revision += 1;
    collection.dateUpdated = this.now();
  }

  /** `ttl` seconds from now; 0 clears the expiry; absent keeps `current`. */
  private expiry(ttl: number | undefined, current: Date | null): Date | null {
    if (ttl === undefined) return current;
    return ttl === 0 ? null : new Date(this.now().getTime() + ttl * 1000);
  }

  private lookup(kind: SyncCollectionKind, sidOrUniqueName: string): SyncCollectionRecord | undefined {
    const bySid = this.collections.get(sidOrUniqueName);
    if (bySid) return bySid.kind === kind ? bySid : undefined;
    return [...this.collections.values()].find((c) => c.kind === kind && c.uniqueName === sidOrUniqueName);
  }

  private dropExpired(): void {
    const now = this.now().getTime();
    const expired = (date: Date | null): boolean => date !== null && date.getTime() <= now;
    for (const collection of this.collections.values()) {
      if (expired(collection.dateExpires)) {
        this.collections.delete(collection.sid);
        continue;
      }
      for (const item of collection.items.values()) if (expired(item.dateExpires)) collection.items.delete(item.id);
    }
  }
}
