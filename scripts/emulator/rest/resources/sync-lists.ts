/**
 * Sync List items over REST under `/v1/Services/{IS or default}/Lists/{ES or unique name}`: append
 * (Data, Ttl/ItemTtl, CollectionTtl) answering the item with its `index` (0, 1, 2, ... per list,
 * never reused), fetch by index, and read with `Order`, `From`, `Bounds` and Twilio paging.
 */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { SyncAccess } from '../../store/sync-rate-limit';
import type { SyncItemRecord } from '../../store/sync-store';
import { parseData, parseIndex, parseTtl, ttlParams } from '../../store/sync-rules';
import { enumParam } from './common';
import { collectionUrl, itemJson, requireSyncService, type SyncResourceContext } from './sync-common';

const ORDERS = ['asc', 'desc'] as const;
const BOUNDS = ['inclusive', 'exclusive'] as const;

/** Items from `From` on, in the asked order, `From` itself included unless bounds are exclusive. */
function readItems(all: SyncItemRecord[], request: ApiRequest): { items: SyncItemRecord[]; query: Record<string, string> } {
  const order = enumParam(request, 'Order', ORDERS) ?? 'asc';
  const bounds = enumParam(request, 'Bounds', BOUNDS) ?? 'inclusive';
  const fromRaw = request.params.From;
  const query: Record<string, string> = { Order: order };
  let items = order === 'asc' ? all : [...all].reverse();
  if (fromRaw !== undefined) {
    const from = parseIndex(fromRaw);
    const sign = order === 'asc' ? 1 : -1;
    items = items.filter((item) => {
      const distance = (Number(item.id) - from) * sign;
      return bounds === 'inclusive' ? distance >= 0 : distance > 0;
    });
    Object.assign(query, { From: fromRaw, Bounds: bounds });
  }
  return { items, query };
}

export function syncListRoutes(context: SyncResourceContext): Route[] {
  const { sync } = context;
  const items = '/v1/Services/:serviceSid/Lists/:listSid/Items';

  /** Every request on a list's items counts toward that list's rate (sync-rate-limit.ts). */
  const requireList = (request: ApiRequest, access: SyncAccess) => {
    const list = sync.requireCollection('list', request.pathParams.listSid ?? '');
    sync.charge(list, access);
    return list;
  };

  return [
    {
      method: 'POST',
      template: items,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const list = requireList(request, 'write');
        const item = sync.addListItem(list, {
          data: parseData('list', request.params.Data),
          itemTtl: ttlParams('ItemTtl', request.params),
          collectionTtl: parseTtl('CollectionTtl', request.params.CollectionTtl),
        });
        return { status: 201, body: itemJson(context, service, list, item) };
      },
    },
    {
      method: 'GET',
      template: items,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const list = requireList(request, 'read');
        const { items: found, query } = readItems(sync.listItems(list), request);
        const page = paginate(found, parsePageRequest(request.params, 100), {
          key: 'items',
          url: `${collectionUrl(service, list)}/Items`,
          query,
          keyOf: (item) => Number(item.id),
        });
        return { status: 200, body: { items: page.items.map((item) => itemJson(context, service, list, item)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: `${items}/:index`,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const list = requireList(request, 'read');
        const index = parseIndex(request.pathParams.index ?? '');
        return { status: 200, body: itemJson(context, service, list, sync.requireItem(list, String(index))) };
      },
    },
  ];
}
