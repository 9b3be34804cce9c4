/**
 * Every Twilio product's REST routes, by the host Twilio serves it on. Callers reach the emulator
 * with Twilio's paths and name the product's host in `X-Forwarded-Host` (contract/api-redirect.ts:
 * twilio-node through a redirecting httpClient, twilio-run's client through
 * scripts/lib/serverless-client.ts), so each path answers as its own product would: `/v1/Services/IS…`
 * is a Conversations service on conversations.twilio.com and a Sync service on sync.twilio.com,
 * `/v1/Configuration` is Flex's on flex-api.twilio.com. Hosts come from each product's OpenAPI
 * description (`servers`, in @twilio-alpha/mcp's twilio-oai/spec/json/).
 *
 * A caller that names no Twilio host (curl, a test's fetch) gets every product's routes at once, as
 * before: the service fetch then goes by sid (ZS… Serverless, the Conversations service's own sid,
 * else Sync), and `/v1/Configuration` is Flex's.
 */
import { addressRoutes } from './resources/addresses';
import { apiKeyRoutes } from './resources/api-keys';
import { conversationRoutes } from './resources/conversations';
import { conversationsServiceRoutes } from './resources/conversations-services';
import { flexConfigurationRoutes } from './resources/flex-configuration';
import { interactionChannelRoutes } from './resources/interaction-channels';
import { messageRoutes } from './resources/messages';
import { participantRoutes } from './resources/participants';
import { serverlessCodeRoutes } from './resources/serverless-code';
import { serverlessServiceRoutes } from './resources/serverless-services';
import { serviceConfigurationRoute, serviceRoleRoutes } from './resources/service-roles';
import { studioFlowRoutes } from './resources/studio-flows';
import { syncCollectionRoutes } from './resources/sync-collections';
import { syncListRoutes } from './resources/sync-lists';
import { syncMapRoutes } from './resources/sync-maps';
import { syncServiceRoutes } from './resources/sync-services';
import { taskChannelRoutes } from './resources/task-channels';
import { taskRoutes } from './resources/taskrouter-tasks';
import { userRoutes } from './resources/users';
import { webChatRoutes } from './resources/web-chats';
import { Router, type Route } from './router';
import type { TwilioApiDependencies } from './twilio-api';
import type { SyncStore } from '../store/sync-store';

const SERVICE_FETCH = '/v1/Services/:sid';

/** Each product's routes, keyed by its host. */
function productRoutes(context: TwilioApiDependencies['context'], sync: SyncStore): Record<string, Route[]> {
  const conversationsRoutes = [
    ...conversationRoutes(context),
    ...participantRoutes(context),
    ...messageRoutes(context),
    ...userRoutes(context),
    ...serviceRoleRoutes(context),
  ];
  const mount = (prefix: string): Route[] => conversationsRoutes.map((r) => ({ ...r, template: prefix + r.template }));
  const syncContext = { sync, accountSid: context.accountSid };
  const serverless = [...serverlessServiceRoutes(context), ...serverlessCodeRoutes(context)];
  return {
    'conversations.twilio.com': [
      ...mount('/v1'),
      ...mount('/v1/Services/:serviceSid'),
      serviceConfigurationRoute(context),
      ...conversationsServiceRoutes(context),
      ...addressRoutes(context),
    ],
    'sync.twilio.com': [
      ...syncServiceRoutes(syncContext),
      ...syncCollectionRoutes(syncContext, 'map'),
      ...syncMapRoutes(syncContext),
      ...syncCollectionRoutes(syncContext, 'list'),
      ...syncListRoutes(syncContext),
    ],
    'flex-api.twilio.com': [...webChatRoutes(context), ...flexConfigurationRoutes(context), ...interactionChannelRoutes(context)],
    'api.twilio.com': apiKeyRoutes(context),
    'studio.twilio.com': studioFlowRoutes(context),
    'taskrouter.twilio.com': [...taskChannelRoutes(context), ...taskRoutes(context)],
    // twilio-run uploads function and asset versions to serverless-upload.twilio.com.
    'serverless.twilio.com': serverless,
    'serverless-upload.twilio.com': serverless,
  };
}

/** The service fetch of each product, chosen by sid, for callers that name no host. */
function serviceFetchBySid(products: Record<string, Route[]>, conversationsServiceSid: string): Route {
  const fetchOf = (host: string): Route => {
    const route = products[host]?.find((candidate) => candidate.method === 'GET' && candidate.template === SERVICE_FETCH);
    if (route === undefined) throw new Error(`${host} has no service fetch`);
    return route;
  };
  const [serverless, conversations, sync] = [fetchOf('serverless.twilio.com'), fetchOf('conversations.twilio.com'), fetchOf('sync.twilio.com')];
  return {
    method: 'GET',
    template: SERVICE_FETCH,
    handler: (request) => {
      const sid = request.pathParams.sid ?? '';
      const owner = sid.startsWith('ZS') ? serverless : sid === conversationsServiceSid ? conversations : sync;
      return owner.handler(request);
    },
  };
}

/** The router for the host a request names (any header value but a Twilio product's: all routes). */
export function productRouting(context: TwilioApiDependencies['context'], sync: SyncStore): (host: string | string[] | undefined) => Router {
  const products = productRoutes(context, sync);
  const routers = new Map(Object.entries(products).map(([host, routes]) => [host, new Router(routes)]));
  const unique = new Map<string, Route>();
  for (const route of Object.values(products).flat()) {
    const key = `${route.method} ${route.template}`;
    // Flex's /v1/Configuration is the one served there without a host (Conversations has none here).
    if (!unique.has(key)) unique.set(key, route);
  }
  unique.set(`GET ${SERVICE_FETCH}`, serviceFetchBySid(products, context.serviceSid));
  const anyProduct = new Router([...unique.values()]);
  return (host) => (typeof host === 'string' ? routers.get(host.toLowerCase()) : undefined) ?? anyProduct;
}
