/**
 * Sync Maps and Lists themselves, under `/v1/Services/{IS or default}`: create (UniqueName,
 * Ttl/CollectionTtl; 409 54301 when the unique name is taken) and fetch by sid or unique name.
 * Their items are in sync-maps.ts and sync-lists.ts.
 */
import type { Route } from '../router';
import { ttlParams, type SyncCollectionKind } from '../../store/sync-rules';
import { collectionJson, requireSyncService, type SyncResourceContext } from './sync-common';

const PATH: Record<SyncCollectionKind, string> = { map: '/v1/Services/:serviceSid/Maps', list: '/v1/Services/:serviceSid/Lists' };

export function syncCollectionRoutes(context: SyncResourceContext, kind: SyncCollectionKind): Route[] {
  const { sync } = context;
  return [
    {
      method: 'POST',
      template: PATH[kind],
      handler: (request) => {
        const service = requireSyncService(context, request);
        const collection = sync.createCollection(kind, { uniqueName: request.params.UniqueName, ttl: ttlParams('CollectionTtl', request.params) });
        return { status: 201, body: collectionJson(context, service, collection) };
      },
    },
    {
      method: 'GET',
      template: `${PATH[kind]}/:sid`,
      handler: (request) => {
        const service = requireSyncService(context, request);
        return { status: 200, body: collectionJson(context, service, sync.requireCollection(kind, request.pathParams.sid ?? '')) };
      },
    },
  ];
}
