/**
 * The Sync REST API as the SDK calls it through twilsock (cds.*): object descriptors, item pages
 * and subscriptions (twilio-sync client.js `_get`, syncmap.js / synclist.js `_queryItemsFromServer`,
 * subscriptions.js `request`). Items are paged with `PageSize`, `Order` and an inclusive `From`;
 * `meta.previous_token` / `next_token` tell the SDK whether items lie before / after the page.
 */
import { TwilioError, invalidParameter } from '../twilio-errors';
import type { Projection } from './projection';
import { type AnySyncObject, type ItemQuery, type JsonObject, MAX_SYNC_PAGE_SIZE, SyncDocument } from './sync-objects';
import type { TunnelRequest, TunnelResponse, TunnelRoute } from './tunnel';

const NOT_FOUND_CODE: Record<AnySyncObject['kind'], number> = { document: 54100, list: 54150, map: 54200 };

export function syncObjectNotFound(kind: AnySyncObject['kind'], id: string): TwilioError {
  return new TwilioError(404, NOT_FOUND_CODE[kind], `Sync ${kind} ${id} not found`);
}

export function syncAccessForbidden(): TwilioError {
  return new TwilioError(403, 54007, 'Access forbidden for identity');
}

/** Page tokens: `after|before`, order and the key the page starts beyond, base64url JSON. */
interface PageToken {
  direction: 'after' | 'before';
  order: 'asc' | 'desc';
  key: string;
}

const encodeToken = (token: PageToken): string => Buffer.from(JSON.stringify(token)).toString('base64url');

function decodeToken(raw: string): PageToken {
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PageToken>;
    if ((token.direction === 'after' || token.direction === 'before') && (token.order === 'asc' || token.order === 'desc') && typeof token.key === 'string') {
      return { direction: token.direction, order: token.order, key: token.key };
    }
  } catch {
    // not base64url JSON: refused below like any other malformed token
  }
  throw invalidParameter('Invalid PageToken');
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > MAX_SYNC_PAGE_SIZE) throw invalidParameter(`PageSize must be between 1 and ${MAX_SYNC_PAGE_SIZE}`);
  return size;
}

export function syncRoutes(projection: Projection): TunnelRoute[] {
  function readable(request: TunnelRequest, kind: AnySyncObject['kind']): AnySyncObject {
    const id = request.pathParams.id ?? '';
    const object = projection.resolve(id);
    if (!object || object.kind !== kind) throw syncObjectNotFound(kind, id);
    if (!projection.canRead(request.caller.identity, object)) throw syncAccessForbidden();
    return object;
  }

  const descriptor = (kind: AnySyncObject['kind']) => (request: TunnelRequest): TunnelResponse => {
    const object = readable(request, kind);
    return { status: 200, body: object.descriptor(request.query.Include === 'items') };
  };

  const items = (kind: 'map' | 'list') => (request: TunnelRequest): TunnelResponse => {
    const object = readable(request, kind);
    if (object instanceof SyncDocument) throw syncObjectNotFound(kind, object.sid);
    const single = kind === 'map' ? request.query.Key : request.query.Index;
    if (single !== undefined) return { status: 200, body: { items: object.single(single), meta: { previous_token: null, next_token: null } } };
    const size = pageSize(request.query.PageSize);
    const tokenRaw = request.query.PageToken;
    const order = request.query.Order === 'desc' ? 'desc' : 'asc';
    let query: ItemQuery;
    let reversed = false;
    if (tokenRaw !== undefined) {
      const token = decodeToken(tokenRaw);
      reversed = token.direction === 'before';
      const queryOrder = reversed ? (token.order === 'asc' ? 'desc' : 'asc') : token.order;
      query = { order: queryOrder, from: token.key, exclusive: true, pageSize: size };
    } else {
      query = { order, from: request.query.From, exclusive: false, pageSize: size };
    }
    const page = object.page(query);
    const pageOrder = reversed ? (query.order === 'asc' ? 'desc' : 'asc') : query.order;
    const pageItems = reversed ? [...page.items].reverse() : page.items;
    const before = reversed ? page.after : page.before;
    const after = reversed ? page.before : page.after;
    const keyOf = (item: JsonObject | undefined): string => {
      const key = item?.[kind === 'map' ? 'key' : 'index'];
      return typeof key === 'string' || typeof key === 'number' ? String(key) : '';
    };
    const meta = {
      previous_token: before && pageItems.length > 0 ? encodeToken({ direction: 'before', order: pageOrder, key: keyOf(pageItems[0]) }) : null,
      next_token: after && pageItems.length > 0 ? encodeToken({ direction: 'after', order: pageOrder, key: keyOf(pageItems[pageItems.length - 1]) }) : null,
    };
    return { status: 200, body: { items: pageItems, meta } };
  };

  return [
    { method: 'GET', template: '/v3/Documents/:id', handler: descriptor('document') },
    { method: 'GET', template: '/v3/Maps/:id', handler: descriptor('map') },
    { method: 'GET', template: '/v3/Maps/:id/Items', handler: items('map') },
    { method: 'GET', template: '/v3/Lists/:id', handler: descriptor('list') },
    { method: 'GET', template: '/v3/Lists/:id/Items', handler: items('list') },
    { method: 'POST', template: '/v4/Subscriptions', handler: (request) => request.caller.subscriptions.request(request.body) },
  ];
}
