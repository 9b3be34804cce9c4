/**
 * What the Sync REST resources share: the service in the URL (its sid or the `default` alias),
 * Twilio's Sync URLs and the snake_case answers twilio_sync_v1.json describes.
 */
import type { ApiRequest } from '../router';
import type { SyncCollectionRecord, SyncItemRecord, SyncServiceRecord, SyncStore } from '../../store/sync-store';
import { serviceNotFound, type SyncCollectionKind } from '../../store/sync-rules';
import { isoDate, isoDateOrNull } from './common';

const SYNC_BASE = 'https://sync.twilio.com/v1';

/** Objects created over REST say so: the OpenAPI's `created_by` is `system` for them. */
const CREATED_BY_REST = 'system';

export interface SyncResourceContext {
  sync: SyncStore;
  accountSid: string;
}

/** The service named by `:serviceSid` (or `:sid` for the service itself); 404 54050 otherwise. */
export function requireSyncService(context: SyncResourceContext, request: ApiRequest): SyncServiceRecord {
  const id = request.pathParams.serviceSid ?? request.pathParams.sid ?? '';
  const service = context.sync.findService(id);
  if (!service) throw serviceNotFound(id);
  return service;
}

export function serviceUrl(service: SyncServiceRecord): string {
  return `${SYNC_BASE}/Services/${service.sid}`;
}

const COLLECTION_PATH: Record<SyncCollectionKind, string> = { map: 'Maps', list: 'Lists' };

/** Answers always name the service by its sid, also when the caller used `default`. */
export function collectionUrl(service: SyncServiceRecord, collection: SyncCollectionRecord): string {
  return `${serviceUrl(service)}/${COLLECTION_PATH[collection.kind]}/${collection.sid}`;
}

export function collectionJson(context: SyncResourceContext, service: SyncServiceRecord, collection: SyncCollectionRecord) {
  const url = collectionUrl(service, collection);
  return {
    sid: collection.sid,
    unique_name: collection.uniqueName,
    account_sid: context.accountSid,
    service_sid: service.sid,
    url,
    links: { items: `${url}/Items`, permissions: `${url}/Permissions` },
    revision: String(collection.revision),
    date_expires: isoDateOrNull(collection.dateExpires),
    date_created: isoDate(collection.dateCreated),
    date_updated: isoDate(collection.dateUpdated),
    created_by: CREATED_BY_REST,
  };
}

/** Map items carry `key` and `map_sid`, list items `index` and `list_sid`; the rest is shared. */
export function itemJson(context: SyncResourceContext, service: SyncServiceRecord, collection: SyncCollectionRecord, item: SyncItemRecord) {
  const identity = collection.kind === 'map' ? { key: item.id, map_sid: collection.sid } : { index: Number(item.id), list_sid: collection.sid };
  return {
    ...identity,
    account_sid: context.accountSid,
    service_sid: service.sid,
    url: `${collectionUrl(service, collection)}/Items/${encodeURIComponent(item.id)}`,
    revision: String(item.revision),
    data: item.data,
    date_expires: isoDateOrNull(item.dateExpires),
    date_created: isoDate(item.dateCreated),
    date_updated: isoDate(item.dateUpdated),
    created_by: CREATED_BY_REST,
  };
}
