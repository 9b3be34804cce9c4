/** `/v1/Users` (and under `/v1/Services/{IS}`): create, fetch by sid or identity, list, update, delete. */
import { checkIdentity } from '../../store/conversation-limits';
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { UserRecord } from '../../store/conversation-records';
import { notFound } from '../../twilio-errors';
import { isoDate, optionalParam, requiredParam, scopeOf, type ResourceContext, type Scope } from './common';

/** `is_online`/`is_notifiable` are null: the emulated service has reachability disabled. */
function userJson(context: ResourceContext, scope: Scope, user: UserRecord) {
  const url = `${scope.base}/Users/${user.sid}`;
  return {
    sid: user.sid,
    account_sid: context.accountSid,
    chat_service_sid: context.serviceSid,
    role_sid: null,
    identity: user.identity,
    friendly_name: user.friendlyName,
    attributes: user.attributes,
    is_online: null,
    is_notifiable: null,
    date_created: isoDate(user.dateCreated),
    date_updated: isoDate(user.dateUpdated),
    url,
    links: { user_conversations: `${url}/Conversations` },
  };
}

function requireUser(context: ResourceContext, request: ApiRequest): UserRecord {
  const user = context.store.users.find(request.pathParams.sid ?? '');
  if (!user) throw notFound(request.path);
  return user;
}

export function userRoutes(context: ResourceContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'POST',
      template: '/Users',
      handler: (request) => {
        const scope = scopeOf(context, request);
        // Checked here, not in the store: users that sign in over twilsock are created from their
        // token's identity, whose length Twilio's REST limits do not govern.
        const identity = requiredParam(request, 'Identity');
        checkIdentity('user', identity);
        const user = store.users.create({
          identity,
          friendlyName: optionalParam(request, 'FriendlyName'),
          attributes: optionalParam(request, 'Attributes'),
        });
        return { status: 201, body: userJson(context, scope, user) };
      },
    },
    {
      method: 'GET',
      template: '/Users',
      handler: (request) => {
        const scope = scopeOf(context, request);
        // The Users list is the one Twilio caps at 50 per page.
        const page = paginate(store.users.list(), parsePageRequest(request.params, 50), {
          key: 'users',
          url: `${scope.base}/Users`,
          keyOf: (user) => user.seq,
        });
        return { status: 200, body: { users: page.items.map((u) => userJson(context, scope, u)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: '/Users/:sid',
      handler: (request) => {
        const scope = scopeOf(context, request);
        return { status: 200, body: userJson(context, scope, requireUser(context, request)) };
      },
    },
    {
      method: 'POST',
      template: '/Users/:sid',
      handler: (request) => {
        const scope = scopeOf(context, request);
        const user = store.users.update(requireUser(context, request), {
          friendlyName: optionalParam(request, 'FriendlyName'),
          attributes: optionalParam(request, 'Attributes'),
        });
        return { status: 200, body: userJson(context, scope, user) };
      },
    },
    {
      method: 'DELETE',
      template: '/Users/:sid',
      handler: (request) => {
        scopeOf(context, request);
        store.users.delete(requireUser(context, request));
        return { status: 204 };
      },
    },
  ];
}
