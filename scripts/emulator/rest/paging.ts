/**
 * Twilio-style list paging: `PageSize`, `Page`, `PageToken` in, a `meta` block with absolute page
 * URLs out. twilio-node's `.list()`/`.each()` follow `meta.next_page_url`, so tokens are cursors
 * (stable while items are added or removed) rather than offsets.
 *
 * Tokens: `PA<key>` = the items after the item with that key, `PB<key>` = the page before it.
 */
import { invalidParameter } from '../twilio-errors';

export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  pageSize: number;
  page: number;
  pageToken: string | undefined;
}

export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  next_page_url: string | null;
  url: string;
  key: string;
}

export interface Page<T> {
  items: T[];
  meta: PageMeta;
}

function parseInteger(name: string, raw: string | undefined, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw invalidParameter(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

export function parsePageRequest(params: Readonly<Record<string, string>>, maxPageSize: number): PageRequest {
  return {
    pageSize: parseInteger('PageSize', params.PageSize, 1, maxPageSize, Math.min(DEFAULT_PAGE_SIZE, maxPageSize)),
    page: parseInteger('Page', params.Page, 0, Number.MAX_SAFE_INTEGER, 0),
    pageToken: params.PageToken,
  };
}

interface Cursor {
  after: boolean;
  key: number;
}

function parseToken(token: string): Cursor {
  const match = /^P([AB])(\d+)$/.exec(token);
  if (!match?.[1] || !match[2]) throw invalidParameter('Invalid PageToken');
  return { after: match[1] === 'A', key: Number(match[2]) };
}

export interface ListSpec<T> {
  /** Name of the array in the answer, e.g. `messages`. */
  key: string;
  /** Absolute list URL without query, e.g. `https://conversations.twilio.com/v1/Conversations`. */
  url: string;
  /** Filters echoed in every page URL, e.g. `{Order: 'desc'}`, in Twilio's order. */
  query?: Record<string, string>;
  /** Numeric key that orders the items (message index, creation sequence). */
  keyOf: (item: T) => number;
}

/** `items` must already be in the order the caller asked for. */
export function paginate<T>(items: readonly T[], request: PageRequest, spec: ListSpec<T>): Page<T> {
  let start: number;
  if (request.pageToken === undefined) {
    start = request.page * request.pageSize;
  } else {
    const cursor = parseToken(request.pageToken);
    const position = items.findIndex((item) => spec.keyOf(item) === cursor.key);
    // A cursor item that was deleted meanwhile: fall back to the first item past its key.
    const anchor = position >= 0 ? position : firstPast(items, spec.keyOf, cursor.key);
    start = cursor.after ? anchor + (position >= 0 ? 1 : 0) : Math.max(0, anchor - request.pageSize);
  }
  const pageItems = items.slice(start, start + request.pageSize);
  const first = pageItems[0];
  const last = pageItems[pageItems.length - 1];
  const hasNext = last !== undefined && start + pageItems.length < items.length;
  const hasPrevious = first !== undefined && start > 0;

  const pageUrl = (page: number, token?: string): string => {
    const query = new URLSearchParams({ ...spec.query, PageSize: String(request.pageSize), Page: String(page) });
    if (token !== undefined) query.set('PageToken', token);
    return `${spec.url}?${query.toString()}`;
  };
  return {
    items: pageItems,
    meta: {
      page: request.page,
      page_size: request.pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: hasPrevious ? pageUrl(Math.max(0, request.page - 1), `PB${spec.keyOf(first)}`) : null,
      next_page_url: hasNext ? pageUrl(request.page + 1, `PA${spec.keyOf(last)}`) : null,
      url: pageUrl(request.page, request.pageToken),
      key: spec.key,
    },
  };
}

/** Index of the first item whose key lies beyond `key` in the list's own direction. */
function firstPast<T>(items: readonly T[], keyOf: (item: T) => number, key: number): number {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return 0;
  const ascending = keyOf(first) <= keyOf(last);
  const index = items.findIndex((item) => (ascending ? keyOf(item) > key : keyOf(item) < key));
  return index === -1 ? items.length : index;
}
