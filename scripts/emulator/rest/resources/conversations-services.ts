/**
 * `GET /v1/Services/{IS}` on conversations.twilio.com: the one Conversations service, Flex's
 * (https://www.twilio.com/docs/conversations/api/service-resource#fetch-a-service-resource).
 * Sync serves the same path on sync.twilio.com (sync-services.ts): rest/product-routes.ts tells
 * them apart by the product's host.
 */
import type { Route } from '../router';
import { notFound } from '../../twilio-errors';
import { isoDate, type ResourceContext } from './common';

export function conversationsServiceRoutes(context: ResourceContext): Route[] {
  return [
    {
      method: 'GET',
      template: '/v1/Services/:sid',
      handler: (request) => {
        if (request.pathParams.sid !== context.serviceSid) throw notFound(request.path);
        const url = `https://conversations.twilio.com/v1/Services/${context.serviceSid}`;
        const created = isoDate(context.store.serviceCreated);
        return {
          status: 200,
          body: {
            account_sid: context.accountSid,
            sid: context.serviceSid,
            friendly_name: 'Flex Conversations Service',
            date_created: created,
            date_updated: created,
            url,
            links: {
              conversations: `${url}/Conversations`,
              users: `${url}/Users`,
              roles: `${url}/Roles`,
              bindings: `${url}/Bindings`,
              configuration: `${url}/Configuration`,
              participant_conversations: `${url}/ParticipantConversations`,
            },
          },
        };
      },
    },
  ];
}
