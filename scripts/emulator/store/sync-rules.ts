/**
 * What Twilio Sync accepts over REST and the error each refusal carries. Codes and their rules are
 * from Twilio's error pages (https://www.twilio.com/docs/api/errors/<code>), sizes from
 * https://www.twilio.com/docs/sync/limits ("Sync Payload Limits"), lengths from the Sync OpenAPI
 * description (twilio_sync_v1.json), which allows 320 characters where older error pages say 256.
 */
import { TwilioError } from '../twilio-errors';

export const SyncErrorCode = {
  serviceNotFound: 54050,
  entityTooLarge: 54006,
  invalidTtl: 54011,
  listNotFound: 54150,
  listItemNotFound: 54151,
  invalidListItemData: 54156,
  mapNotFound: 54200,
  mapItemNotFound: 54201,
  invalidMapItemData: 54206,
  mapItemAlreadyExists: 54208,
  invalidMapItemKey: 54209,
  uniqueNameAlreadyExists: 54301,
  invalidUniqueName: 54302,
  invalidListItemIndex: 54458,
} as const;

/** Documents, list items and map items hold up to 16 KiB of JSON serialized to UTF-8. */
export const MAX_SYNC_DATA_BYTES = 16 * 1024;
/** 54011: "an integer between 0 and 31 536 000 (1 year)"; 0 means no expiry (twilio-sync's `ttl`). */
export const MAX_SYNC_TTL_SECONDS = 31_536_000;
/** OpenAPI: UniqueName "can be up to 320 characters long", Key likewise. */
export const MAX_SYNC_NAME_LENGTH = 320;

export type SyncCollectionKind = 'map' | 'list';

export function collectionNotFound(kind: SyncCollectionKind, id: string): TwilioError {
  const code = kind === 'map' ? SyncErrorCode.mapNotFound : SyncErrorCode.listNotFound;
  return new TwilioError(404, code, `${kind === 'map' ? 'Map' : 'List'} ${id} not found`);
}

export function itemNotFound(kind: SyncCollectionKind, id: string): TwilioError {
  const code = kind === 'map' ? SyncErrorCode.mapItemNotFound : SyncErrorCode.listItemNotFound;
  return new TwilioError(404, code, `${kind === 'map' ? 'Map' : 'List'} Item ${id} not found`);
}

export function serviceNotFound(id: string): TwilioError {
  return new TwilioError(404, SyncErrorCode.serviceNotFound, `Service Instance ${id} not found`);
}

export function uniqueNameTaken(uniqueName: string): TwilioError {
  return new TwilioError(409, SyncErrorCode.uniqueNameAlreadyExists, `Unique name ${uniqueName} already exists`);
}

export function mapItemExists(key: string): TwilioError {
  return new TwilioError(409, SyncErrorCode.mapItemAlreadyExists, `Map Item with key ${key} already exists`);
}

/** Seconds to live from a form value: undefined when absent, 0 for "never expires". */
export function parseTtl(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds > MAX_SYNC_TTL_SECONDS) {
    throw new TwilioError(400, SyncErrorCode.invalidTtl, `${name} must be an integer between 0 and ${MAX_SYNC_TTL_SECONDS}`);
  }
  return seconds;
}

/** When Twilio gives two names for one TTL, the specific one wins ("this value is ignored"). */
export function ttlParams(specific: string, params: Readonly<Record<string, string>>): number | undefined {
  const alias = parseTtl('Ttl', params.Ttl);
  const own = parseTtl(specific, params[specific]);
  return own ?? alias;
}

/** 54302: non-empty, bounded, and never shaped like a sid, which would make addressing ambiguous. */
export function checkUniqueName(uniqueName: string): string {
  if (uniqueName === '' || uniqueName.length > MAX_SYNC_NAME_LENGTH || /^[A-Z]{2}[a-f0-9]{32}$/.test(uniqueName)) {
    throw new TwilioError(400, SyncErrorCode.invalidUniqueName, `Invalid unique name ${uniqueName}`);
  }
  return uniqueName;
}

export function checkKey(key: string | undefined): string {
  if (key === undefined || key === '' || key.length > MAX_SYNC_NAME_LENGTH) {
    throw new TwilioError(400, SyncErrorCode.invalidMapItemKey, `The Map Item key must be a string of 1 to ${MAX_SYNC_NAME_LENGTH} characters`);
  }
  return key;
}

/**
 * Item data: a JSON object of at most 16 KiB. Its size is that of the JSON text sent, as the
 * limits page measures "JSON serialized to a UTF-8 string". Oversized data is 54006 "Request
 * entity too large"; its page gives no status, 413 is the HTTP status of that name.
 */
export function parseData(kind: SyncCollectionKind, raw: string | undefined): Record<string, unknown> {
  const code = kind === 'map' ? SyncErrorCode.invalidMapItemData : SyncErrorCode.invalidListItemData;
  if (raw === undefined) throw new TwilioError(400, code, "The 'Data' parameter cannot be null");
  if (Buffer.byteLength(raw) > MAX_SYNC_DATA_BYTES) {
    throw new TwilioError(413, SyncErrorCode.entityTooLarge, `The size of the specified 'Data' parameter exceeds ${MAX_SYNC_DATA_BYTES} bytes`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new TwilioError(400, code, "The 'Data' parameter must be a JSON object");
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TwilioError(400, code, "The 'Data' parameter must be a JSON object");
  }
  return data as Record<string, unknown>;
}

/** 54458: a list item index in a path is a non-negative integer. */
export function parseIndex(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) {
    throw new TwilioError(400, SyncErrorCode.invalidListItemIndex, 'The List Item index must be a non-negative integer');
  }
  return Number(raw);
}
