/** Helpers shared by the REST resources: Twilio's URL bases, date format, parameter parsing. */
import type { ApiRequest } from '../router';
import type { ConversationsStore } from '../../store/conversations-store';
import type { ConversationRecord } from '../../store/conversation-records';
import { invalidParameter, missingParameter, notFound } from '../../twilio-errors';

const CONVERSATIONS_HOST = 'https://conversations.twilio.com';

/** What every Conversations handler needs besides the request. */
export interface ResourceContext {
  store: ConversationsStore;
  accountSid: string;
  serviceSid: string;
}

/** Which URL form a request used; answers differ slightly between the two. */
export interface Scope {
  /** Absolute URL prefix of the resources, e.g. `https://conversations.twilio.com/v1`. */
  base: string;
  /** Asked under `/v1/Services/{IS}`: messages and participants then also carry `chat_service_sid`. */
  serviceScoped: boolean;
}

/**
 * Twilio answers with URLs in the form that was asked for: `/v1/Conversations/...` or
 * `/v1/Services/IS.../Conversations/...`. Both forms share one store (the default service).
 */
export function scopeOf(context: ResourceContext, request: ApiRequest): Scope {
  const scoped = request.pathParams.serviceSid;
  if (scoped === undefined) return { base: `${CONVERSATIONS_HOST}/v1`, serviceScoped: false };
  if (scoped !== context.serviceSid) throw notFound(request.path);
  return { base: `${CONVERSATIONS_HOST}/v1/Services/${scoped}`, serviceScoped: true };
}

/** `{chat_service_sid}` for service-scoped answers of resources that only have it there. */
export function serviceSidField(context: ResourceContext, scope: Scope): { chat_service_sid?: string } {
  return scope.serviceScoped ? { chat_service_sid: context.serviceSid } : {};
}

/** Twilio's timestamps: ISO 8601 in UTC without milliseconds. */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoDateOrNull(date: Date | null): string | null {
  return date === null ? null : isoDate(date);
}

export function requireConversation(context: ResourceContext, request: ApiRequest): ConversationRecord {
  const sid = request.pathParams.conversationSid ?? request.pathParams.sid;
  const conversation = sid === undefined ? undefined : context.store.findConversation(sid);
  if (!conversation) throw notFound(request.path);
  return conversation;
}

export function optionalParam(request: ApiRequest, name: string): string | undefined {
  return request.params[name];
}

export function requiredParam(request: ApiRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

export function enumParam<T extends string>(request: ApiRequest, name: string, allowed: readonly T[]): T | undefined {
  const value = request.params[name];
  if (value === undefined) return undefined;
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw invalidParameter(`Invalid ${name}: must be one of ${allowed.join(', ')}`);
  return found;
}
