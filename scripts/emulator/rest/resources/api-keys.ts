/**
 * `/2010-04-01/Accounts/{AccountSid}/Keys.json`: standard API keys. Like every 2010-04-01
 * resource, answers use RFC 2822 dates and `*_uri` paging; the secret is in the create answer only.
 */
import type { ApiKeyRecord } from '../../store/flex-account';
import type { ApiRequest, Route } from '../router';
import { notFound } from '../../twilio-errors';
import type { FlexAccountContext } from './addresses';
import { optionalParam } from './common';

/** `Mon, 22 Aug 2011 20:58:45 +0000`, the 2010-04-01 API's date format. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function keyJson(key: ApiKeyRecord) {
  return { sid: key.sid, friendly_name: key.friendlyName, date_created: rfc2822(key.dateCreated), date_updated: rfc2822(key.dateUpdated) };
}

function requireAccount(context: FlexAccountContext, request: ApiRequest): void {
  if (request.pathParams.accountSid !== context.accountSid) throw notFound(request.path);
}

function requireKey(context: FlexAccountContext, request: ApiRequest): ApiKeyRecord {
  requireAccount(context, request);
  // The router matches whole segments, so `{Sid}.json` arrives as one segment.
  const file = request.pathParams.keyFile ?? '';
  const key = file.endsWith('.json') ? context.account.findKey(file.slice(0, -'.json'.length)) : undefined;
  if (!key) throw notFound(request.path);
  return key;
}

export function apiKeyRoutes(context: FlexAccountContext): Route[] {
  const { account } = context;
  const list = '/2010-04-01/Accounts/:accountSid/Keys.json';
  const one = '/2010-04-01/Accounts/:accountSid/Keys/:keyFile';
  return [
    {
      method: 'POST',
      template: list,
      handler: (request) => {
        requireAccount(context, request);
        const key = account.createKey(optionalParam(request, 'FriendlyName') ?? '');
        return { status: 201, body: { ...keyJson(key), secret: key.secret } };
      },
    },
    {
      method: 'GET',
      template: list,
      handler: (request) => {
        requireAccount(context, request);
        const keys = account.listKeys();
        const uri = `/2010-04-01/Accounts/${context.accountSid}/Keys.json?PageSize=50&Page=0`;
        // One page holds every key: accounts have a handful.
        return {
          status: 200,
          body: { keys: keys.map(keyJson), end: Math.max(0, keys.length - 1), first_page_uri: uri, next_page_uri: null, page: 0, page_size: 50, previous_page_uri: null, start: 0, uri },
        };
      },
    },
    {
      method: 'GET',
      template: one,
      handler: (request) => ({ status: 200, body: keyJson(requireKey(context, request)) }),
    },
    {
      method: 'DELETE',
      template: one,
      handler: (request) => {
        account.deleteKey(requireKey(context, request).sid);
        return { status: 204 };
      },
    },
  ];
}
