/**
 * Sync Map items over REST under `/v1/Services/{IS or default}/Maps/{MP or unique name}`: create
 * (Key, Data, Ttl/ItemTtl, CollectionTtl), read in key order with Twilio paging, fetch, update (Data and the same TTLs, each optional:
 * https://www.twilio.com/docs/sync/api/map-item-resource#update-a-mapitem-resource), delete. A second
 * create of the same key is 409 54208, which is what makes a map item a replay guard across Function
 * instances.
 */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { SyncAccess } from '../../store/sync-rate-limit';
import { checkKey, parseData, parseTtl, ttlParams } from '../../store/sync-rules';
import { collectionUrl, itemJson, requireSyncService, type SyncResourceContext } from './sync-common';

export function syncMapRoutes(context: SyncResourceContext): Route[] {
  const { sync } = context;
  const items = '/v1/Services/:serviceSid/Maps/:mapSid/Items';

  /** Every request on a map's items counts toward that map's rate (sync-rate-limit.ts). */
  const requireMap = (request: ApiRequest, access: SyncAccess) => {
    const map = sync.requireCollection('map', request.pathParams.mapSid ?? '');
    sync.charge(map, access);
    return map;
  };

  return [
    {
      method: 'POST',
      template: items,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request, 'write');
        const item = sync.addMapItem(map, checkKey(request.params.Key), {
          data: parseData('map', request.params.Data),
          itemTtl: ttlParams('ItemTtl', request.params),
          collectionTtl: parseTtl('CollectionTtl', request.params.CollectionTtl),
        });
        return { status: 201, body: itemJson(context, service, map, item) };
      },
    },
    {
      method: 'GET',
      template: items,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request, 'read');
        // Twilio orders map items by key; the page cursor is a position in that order.
        const found = sync.listItems(map).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const position = new Map(found.map((item, index) => [item.id, index]));
        const page = paginate(found, parsePageRequest(request.params, 100), {
          key: 'items',
          url: `${collectionUrl(service, map)}/Items`,
          query: {},
          keyOf: (item) => position.get(item.id) ?? 0,
        });
        return { status: 200, body: { items: page.items.map((item) => itemJson(context, service, map, item)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: `${items}/:key`,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request, 'read');
        return { status: 200, body: itemJson(context, service, map, sync.requireItem(map, request.pathParams.key ?? '')) };
      },
    },
    {
      method: 'POST',
      template: `${items}/:key`,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request, 'write');
        const item = sync.updateItem(map, sync.requireItem(map, request.pathParams.key ?? ''), {
          data: request.params.Data === undefined ? undefined : parseData('map', request.params.Data),
          itemTtl: ttlParams('ItemTtl', request.params),
          collectionTtl: parseTtl('CollectionTtl', request.params.CollectionTtl),
        });
        return { status: 200, body: itemJson(context, service, map, item) };
      },
    },
    {
      method: 'DELETE',
      template: `${items}/:key`,
      handler: (request) => {
        requireSyncService(context, request);
        const map = requireMap(request, 'write');
        sync.removeItem(map, sync.requireItem(map, request.pathParams.key ?? ''));
        return { status: 204 };
      },
    },
  ];
}
