/**
 * `GET /v1/Services/{IS or default}` of Sync: the account's default Sync service. Twilio serves it on
 * sync.twilio.com; the emulator sees only paths, and serves no Conversations service at this path.
 */
import type { Route } from '../router';
import { requireSyncService, serviceUrl, type SyncResourceContext } from './sync-common';
import { isoDate } from './common';

export function syncServiceRoutes(context: SyncResourceContext): Route[] {
  return [
    {
      method: 'GET',
      template: '/v1/Services/:sid',
      handler: (request) => {
        const service = requireSyncService(context, request);
        const url = serviceUrl(service);
        return {
          status: 200,
          body: {
            sid: service.sid,
            unique_name: service.uniqueName,
            account_sid: context.accountSid,
            friendly_name: service.friendlyName,
            date_created: isoDate(service.dateCreated),
            date_updated: isoDate(service.dateUpdated),
            url,
            // The emulated service has Twilio's defaults: no webhook, no ACL, no reachability.
            webhook_url: null,
            webhooks_from_rest_enabled: false,
            reachability_webhooks_enabled: false,
            acl_enabled: false,
            reachability_debouncing_enabled: false,
            reachability_debouncing_window: 5000,
            links: { documents: `${url}/Documents`, lists: `${url}/Lists`, maps: `${url}/Maps`, streams: `${url}/Streams` },
          },
        };
      },
    },
  ];
}
