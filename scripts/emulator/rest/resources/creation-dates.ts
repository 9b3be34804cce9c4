/**
 * Creation dates over REST: `DateCreated`/`DateUpdated` on create (OpenAPI `format: date-time`,
 * ISO 8601) and the Conversations list's `StartDate`/`EndDate` filters, which the OpenAPI
 * description defines as an inclusive range of creation dates, given as ISO 8601 "starting at the
 * beginning of the specified date (YYYY-MM-DDT00:00:00Z)" and "up to the end of the specified date
 * (YYYY-MM-DDT23:59:59Z)", with the answer "sorted by latest conversation creation date in
 * descending order" whenever either is used.
 */
import type { ApiRequest } from '../router';
import type { ConversationRecord, CreationDates } from '../../store/conversation-records';
import { invalidParameter } from '../../twilio-errors';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Refuses calendar overflow (Feb 30, 24:00) that `Date` would silently roll into the next day. */
function isRealDateTime(parts: readonly (string | undefined)[]): boolean {
  const [year, month, day, hour, minute, second] = parts.map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDay && (hour ?? 0) < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60;
}

function parseDateTime(name: string, raw: string): Date {
  const match = DATE_TIME.exec(raw);
  if (!match || !isRealDateTime(match.slice(1, 7))) {
    throw invalidParameter(`${name} must be an ISO 8601 date-time such as 2026-01-31T09:30:00Z`);
  }
  return new Date(raw);
}

/** A whole day stands for its first second as a start and its last second as an end. */
function parseRangeEnd(name: string, raw: string | undefined, end: 'start' | 'end'): Date | undefined {
  if (raw === undefined) return undefined;
  const day = DATE_ONLY.exec(raw);
  if (day && isRealDateTime(day.slice(1, 4))) return new Date(`${raw}T${end === 'start' ? '00:00:00' : '23:59:59'}Z`);
  return parseDateTime(name, raw);
}

export function creationDatesParam(request: ApiRequest): CreationDates {
  const created = request.params.DateCreated;
  const updated = request.params.DateUpdated;
  return {
    dateCreated: created === undefined ? undefined : parseDateTime('DateCreated', created),
    dateUpdated: updated === undefined ? undefined : parseDateTime('DateUpdated', updated),
  };
}

export interface CreationRange {
  start?: Date;
  end?: Date;
  /** The filters as the caller gave them, echoed in page URLs. */
  query: Record<string, string>;
}

export function creationRangeParam(request: ApiRequest): CreationRange {
  const query: Record<string, string> = {};
  const { StartDate: startRaw, EndDate: endRaw } = request.params;
  if (startRaw !== undefined) query.StartDate = startRaw;
  if (endRaw !== undefined) query.EndDate = endRaw;
  return { start: parseRangeEnd('StartDate', startRaw, 'start'), end: parseRangeEnd('EndDate', endRaw, 'end'), query };
}

/** Twilio's dates have whole seconds, so the range is compared to the second. */
export function withinCreationRange(conversations: ConversationRecord[], range: CreationRange): ConversationRecord[] {
  const { start, end } = range;
  if (start === undefined && end === undefined) return conversations;
  const second = (date: Date): number => Math.floor(date.getTime() / 1000);
  return conversations
    .filter((c) => (start === undefined || second(c.dateCreated) >= second(start)) && (end === undefined || second(c.dateCreated) <= second(end)))
    .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime() || b.seq - a.seq);
}
