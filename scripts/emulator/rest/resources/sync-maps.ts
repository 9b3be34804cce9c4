/**
 * Sync Map items over REST under `/v1/Services/{IS or default}/Maps/{MP or unique name}`: create
 * (Key, Data, Ttl/ItemTtl, CollectionTtl), fetch, update (Data and the same TTLs, each optional:
 * https://www.twilio.com/docs/sync/api/map-item-resource#update-a-mapitem-resource), delete. A second
 * create of the same key is 409 54208, which is what makes a map item a replay guard across Function
 * instances.
 */
import type { ApiRequest, Route } from '../router';
import { checkKey, parseData, parseTtl, ttlParams } from '../../store/sync-rules';
import { itemJson, requireSyncService, type SyncResourceContext } from './sync-common';

export function syncMapRoutes(context: SyncResourceContext): Route[] {
  const { sync } = context;
  const items = '/v1/Services/:serviceSid/Maps/:mapSid/Items';

  const requireMap = (request: ApiRequest) => sync.requireCollection('map', request.pathParams.mapSid ?? '');

  return [
    {
      method: 'POST',
      template: items,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request);
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
      template: `${items}/:key`,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request);
        return { status: 200, body: itemJson(context, service, map, sync.requireItem(map, request.pathParams.key ?? '')) };
      },
    },
    {
      method: 'POST',
      template: `${items}/:key`,
      handler: (request) => {
        const service = requireSyncService(context, request);
        const map = requireMap(request);
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
        const map = requireMap(request);
        sync.removeItem(map, sync.requireItem(map, request.pathParams.key ?? ''));
        return { status: 204 };
      },
    },
  ];
}
