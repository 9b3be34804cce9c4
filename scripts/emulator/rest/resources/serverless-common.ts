/** What the Serverless resources share: their context, URL base and lookups that answer 404. */
import type { ApiRequest } from '../router';
import type { EnvironmentRecord, ServerlessStore, ServiceRecord } from '../../store/serverless-store';
import { invalidParameter, notFound } from '../../twilio-errors';

export interface ServerlessContext {
  serverless: ServerlessStore;
  accountSid: string;
}

export const SERVERLESS_BASE = 'https://serverless.twilio.com/v1/Services';

/** Twilio lets a service be named by its sid or its unique name in URLs. */
export function requireService(context: ServerlessContext, request: ApiRequest): ServiceRecord {
  const key = request.pathParams.serviceSid ?? request.pathParams.sid ?? '';
  const service = context.serverless.services.get(key) ?? [...context.serverless.services.values()].find((s) => s.uniqueName === key);
  if (!service) throw notFound(request.path);
  return service;
}

export function requireEnvironment(context: ServerlessContext, request: ApiRequest): EnvironmentRecord {
  const service = requireService(context, request);
  const environment = context.serverless.environments.get(request.pathParams.environmentSid ?? request.pathParams.sid ?? '');
  if (environment?.serviceSid !== service.sid) throw notFound(request.path);
  return environment;
}

/** A record of `map` by the `:sid` path segment, which must belong to the service in the path. */
export function requireOwned<T extends { serviceSid: string }>(context: ServerlessContext, request: ApiRequest, map: Map<string, T>): T {
  const service = requireService(context, request);
  const record = map.get(request.pathParams.sid ?? '');
  if (record?.serviceSid !== service.sid) throw notFound(request.path);
  return record;
}

/** Twilio's form booleans are `true`/`false` (twilio-node and twilio-run send them so). */
export function booleanParam(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  throw invalidParameter(`${name} must be true or false`);
}
