/**
 * `/v1/Roles` (and under `/v1/Services/{IS}`): the Conversations service's roles, create, fetch,
 * list, update (https://www.twilio.com/docs/conversations/api/role-resource); and
 * `/v1/Services/{IS}/Configuration`, which names the default roles
 * (https://www.twilio.com/docs/conversations/api/service-configuration-resource). The roles are
 * store/service-roles.ts; the realtime side enforces them.
 */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import { ROLE_TYPES, type RoleRecord } from '../../store/service-roles';
import { notFound } from '../../twilio-errors';
import { enumParam, isoDate, requiredParam, scopeOf, type ResourceContext, type Scope } from './common';

function roleJson(context: ResourceContext, scope: Scope, role: RoleRecord) {
  return {
    sid: role.sid,
    account_sid: context.accountSid,
    chat_service_sid: context.serviceSid,
    friendly_name: role.friendlyName,
    type: role.type,
    permissions: role.permissions,
    date_created: isoDate(role.dateCreated),
    date_updated: isoDate(role.dateUpdated),
    url: `${scope.base}/Roles/${role.sid}`,
  };
}

function requireRole(context: ResourceContext, request: ApiRequest): RoleRecord {
  const role = context.store.roles.find(request.pathParams.sid ?? '');
  if (!role) throw notFound(request.path);
  return role;
}

/** `Permission` is repeated, once per permission. */
function permissions(request: ApiRequest): string[] {
  requiredParam(request, 'Permission');
  return request.multiParams.getAll('Permission');
}

export function serviceRoleRoutes(context: ResourceContext): Route[] {
  const { roles } = context.store;
  return [
    {
      method: 'POST',
      template: '/Roles',
      handler: (request) => {
        const scope = scopeOf(context, request);
        const friendlyName = requiredParam(request, 'FriendlyName');
        requiredParam(request, 'Type');
        const type = enumParam(request, 'Type', ROLE_TYPES) ?? 'service';
        const role = roles.create({ friendlyName, type, permissions: permissions(request) });
        return { status: 201, body: roleJson(context, scope, role) };
      },
    },
    {
      method: 'GET',
      template: '/Roles',
      handler: (request) => {
        const scope = scopeOf(context, request);
        const page = paginate(roles.list(), parsePageRequest(request.params, 100), { key: 'roles', url: `${scope.base}/Roles`, keyOf: (role) => role.seq });
        return { status: 200, body: { roles: page.items.map((role) => roleJson(context, scope, role)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: '/Roles/:sid',
      handler: (request) => ({ status: 200, body: roleJson(context, scopeOf(context, request), requireRole(context, request)) }),
    },
    {
      method: 'POST',
      template: '/Roles/:sid',
      handler: (request) => {
        const role = roles.update(requireRole(context, request), permissions(request));
        return { status: 200, body: roleJson(context, scopeOf(context, request), role) };
      },
    },
  ];
}

/** Only under `/v1/Services/{IS}`: `/v1/Configuration` is the account's, another resource. */
export function serviceConfigurationRoute(context: ResourceContext): Route {
  return {
    method: 'GET',
    template: '/v1/Services/:serviceSid/Configuration',
    handler: (request) => {
      const scope = scopeOf(context, request);
      const { defaults } = context.store.roles;
      const url = `${scope.base}/Configuration`;
      return {
        status: 200,
        body: {
          chat_service_sid: context.serviceSid,
          default_conversation_creator_role_sid: defaults.conversationCreator,
          default_conversation_role_sid: defaults.conversation,
          default_chat_service_role_sid: defaults.service,
          url,
          links: { notifications: `${url}/Notifications`, webhooks: `${url}/Webhooks` },
          reachability_enabled: false,
        },
      };
    },
  };
}
