/**
 * Twilio Sync objects (documents, maps, lists) as the Sync client inside the Conversations SDK
 * sees them: descriptors, item pages and events with per-object increasing ids, kept in a log so a
 * client that reconnects with its last event id gets exactly what it missed (twilio-sync
 * subscriptions.js, syncdocument.js, syncmap.js, synclist.js). Generic: projection.ts decides what
 * they contain.
 */
import { newSid } from '../store/sids';

export type SyncKind = 'document' | 'map' | 'list';
export type JsonObject = Record<string, unknown>;

/** One change, as the SDK receives it: `event_type` plus the event fields (incl. `id`). */
export interface SyncEvent {
  type: string;
  fields: JsonObject & { id: number };
}

/** Only a label inside twilsock frames; the SDK never resolves it (twilio-sync configuration.js). */
const CDS_BASE = 'https://cds.us1.twilio.com';

const PATHS: Record<SyncKind, string> = { document: '/v3/Documents', map: '/v3/Maps', list: '/v3/Lists' };
const SID_FIELD: Record<SyncKind, string> = { document: 'document_sid', map: 'map_sid', list: 'list_sid' };

/** Sync never returns more than 100 items a page. */
export const MAX_SYNC_PAGE_SIZE = 100;

interface Item {
  data: JsonObject;
  lastEventId: number;
  dateUpdated: Date;
}

export interface ItemQuery {
  order: 'asc' | 'desc';
  /** Where the page starts, in `order`. */
  from: string | undefined;
  /** Start after `from` rather than at it (page tokens). */
  exclusive: boolean;
  pageSize: number;
}

export interface ItemPage {
  items: JsonObject[];
  /** Items exist before the first / after the last one, in query order. */
  before: boolean;
  after: boolean;
}

abstract class SyncObject {
  readonly sid: string;
  lastEventId = 0;
  dateUpdated: Date;
  readonly log: SyncEvent[] = [];

  constructor(
    readonly kind: SyncKind,
    readonly uniqueName: string,
    private readonly announce: (object: SyncObject, event: SyncEvent) => void,
    now: Date,
  ) {
    this.sid = newSid(kind === 'document' ? 'ET' : kind === 'map' ? 'MP' : 'ES');
    this.dateUpdated = now;
  }

  get url(): string {
    return `${CDS_BASE}${PATHS[this.kind]}/${this.sid}`;
  }

  protected record(type: string, fields: JsonObject, now: Date): SyncEvent {
    this.lastEventId += 1;
    this.dateUpdated = now;
    const event: SyncEvent = {
      type,
      fields: { ...fields, [SID_FIELD[this.kind]]: this.sid, id: this.lastEventId, date_created: now.toISOString() },
    };
    this.log.push(event);
    this.announce(this, event);
    return event;
  }

  /** Events after `lastEventId`, oldest first (what a reconnecting subscriber missed). */
  eventsAfter(lastEventId: number): SyncEvent[] {
    return this.log.filter((event) => event.fields.id > lastEventId);
  }

  removeObject(now: Date): void {
    this.record(`${this.kind}_removed`, {}, now);
  }

  protected rootDescriptor(): JsonObject {
    return {
      sid: this.sid,
      unique_name: this.uniqueName,
      url: this.url,
      revision: String(this.lastEventId),
      last_event_id: this.lastEventId,
      date_updated: this.dateUpdated.toISOString(),
      date_expires: null,
    };
  }

  abstract descriptor(includeItems: boolean): JsonObject;
}

export class SyncDocument extends SyncObject {
  constructor(uniqueName: string, private data: JsonObject, announce: (object: SyncObject, event: SyncEvent) => void, now: Date) {
    super('document', uniqueName, announce, now);
  }

  set(data: JsonObject, now: Date): void {
    if (JSON.stringify(data) === JSON.stringify(this.data)) return;
    this.data = data;
    this.record('document_updated', { document_data: data, document_revision: String(this.lastEventId + 1) }, now);
  }

  descriptor(): JsonObject {
    return { ...this.rootDescriptor(), data: this.data };
  }
}

/** Maps (string keys) and lists (integer indexes) share item bookkeeping and paging. */
abstract class SyncCollection<K extends string | number> extends SyncObject {
  protected readonly items = new Map<K, Item>();

  protected abstract keyField: 'key' | 'index';
  protected abstract compare(a: K, b: K): number;
  protected abstract parseKey(raw: string): K | undefined;

  get itemsUrl(): string {
    return `${this.url}/Items`;
  }

  /** Adds or replaces an item; an unchanged item records nothing. */
  put(key: K, data: JsonObject, now: Date): void {
    const existing = this.items.get(key);
    if (existing && JSON.stringify(existing.data) === JSON.stringify(data)) return;
    const event = this.record(`${this.kind}_item_${existing ? 'updated' : 'added'}`, this.itemEventFields(key, data), now);
    this.items.set(key, { data, lastEventId: event.fields.id, dateUpdated: now });
  }

  delete(key: K, now: Date): void {
    const existing = this.items.get(key);
    if (!existing) return;
    this.items.delete(key);
    this.record(`${this.kind}_item_removed`, this.itemEventFields(key, existing.data), now);
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  private itemEventFields(key: K, data: JsonObject): JsonObject {
    return {
      [`item_${this.keyField}`]: key,
      item_url: `${this.itemsUrl}/${encodeURIComponent(String(key))}`,
      item_revision: String(this.lastEventId + 1),
      item_data: data,
      [`${this.kind}_revision`]: String(this.lastEventId + 1),
    };
  }

  private itemDescriptor(key: K, item: Item): JsonObject {
    return {
      [this.keyField]: key,
      url: `${this.itemsUrl}/${encodeURIComponent(String(key))}`,
      revision: String(item.lastEventId),
      last_event_id: item.lastEventId,
      data: item.data,
      date_updated: item.dateUpdated.toISOString(),
      date_expires: null,
    };
  }

  /** One item by its raw key (`Key=` / `Index=` queries); empty when absent. */
  single(rawKey: string): JsonObject[] {
    const key = this.parseKey(rawKey);
    const item = key === undefined ? undefined : this.items.get(key);
    return key !== undefined && item ? [this.itemDescriptor(key, item)] : [];
  }

  page(query: ItemQuery): ItemPage {
    const sign = query.order === 'asc' ? 1 : -1;
    const keys = [...this.items.keys()].sort((a, b) => sign * this.compare(a, b));
    const from = query.from === undefined ? undefined : this.parseKey(query.from);
    const start = from === undefined ? 0 : keys.findIndex((key) => sign * this.compare(key, from) > (query.exclusive ? 0 : -1));
    const first = start < 0 ? keys.length : start;
    const selected = keys.slice(first, first + query.pageSize);
    return {
      items: selected.map((key) => this.itemDescriptor(key, this.items.get(key) as Item)),
      before: first > 0,
      after: first + selected.length < keys.length,
    };
  }

  descriptor(includeItems: boolean): JsonObject {
    const root = { ...this.rootDescriptor(), links: { items: this.itemsUrl } };
    if (!includeItems) return root;
    return { ...root, items: this.page({ order: 'asc', from: undefined, exclusive: false, pageSize: MAX_SYNC_PAGE_SIZE }).items };
  }
}

export class SyncMap extends SyncCollection<string> {
  protected keyField = 'key' as const;

  constructor(uniqueName: string, announce: (object: SyncObject, event: SyncEvent) => void, now: Date) {
    super('map', uniqueName, announce, now);
  }

  protected compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  protected parseKey(raw: string): string {
    return raw;
  }

  keys(): string[] {
    return [...this.items.keys()];
  }
}

export class SyncList extends SyncCollection<number> {
  protected keyField = 'index' as const;

  constructor(uniqueName: string, announce: (object: SyncObject, event: SyncEvent) => void, now: Date) {
    super('list', uniqueName, announce, now);
  }

  protected compare(a: number, b: number): number {
    return a - b;
  }

  protected parseKey(raw: string): number | undefined {
    return /^\d+$/.test(raw) ? Number(raw) : undefined;
  }
}

export type AnySyncObject = SyncDocument | SyncMap | SyncList;

/** All Sync objects, found by sid or unique name; announces every event to one listener. */
export class SyncObjects {
  private readonly bySid = new Map<string, AnySyncObject>();
  private readonly byName = new Map<string, AnySyncObject>();
  private readonly announce: (object: SyncObject, event: SyncEvent) => void;

  constructor(onEvent: (object: AnySyncObject, event: SyncEvent) => void) {
    this.announce = (object, event) => onEvent(object as AnySyncObject, event);
  }

  find(sidOrName: string): AnySyncObject | undefined {
    return this.bySid.get(sidOrName) ?? this.byName.get(sidOrName);
  }

  document(uniqueName: string, data: JsonObject, now: Date): SyncDocument {
    return this.add(new SyncDocument(uniqueName, data, this.announce, now));
  }

  map(uniqueName: string, now: Date): SyncMap {
    return this.add(new SyncMap(uniqueName, this.announce, now));
  }

  list(uniqueName: string, now: Date): SyncList {
    return this.add(new SyncList(uniqueName, this.announce, now));
  }

  private add<T extends AnySyncObject>(object: T): T {
    this.bySid.set(object.sid, object);
    this.byName.set(object.uniqueName, object);
    return object;
  }

  /** Announces the removal to subscribers, then forgets the object. */
  remove(object: AnySyncObject, now: Date): void {
    object.removeObject(now);
    this.bySid.delete(object.sid);
    this.byName.delete(object.uniqueName);
  }

  clear(): void {
    this.bySid.clear();
    this.byName.clear();
  }
}
