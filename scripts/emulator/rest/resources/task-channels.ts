/**
 * TaskRouter `GET /v1/Workspaces/{WorkspaceSid}/TaskChannels`: the channels of the Flex workspace,
 * where setup finds the `chat` channel a Studio "Send to Flex" widget needs.
 */
import type { TaskChannelRecord } from '../../store/flex-account';
import { paginate, parsePageRequest } from '../paging';
import type { Route } from '../router';
import { notFound } from '../../twilio-errors';
import type { FlexAccountContext } from './addresses';
import { isoDate } from './common';

export function taskChannelRoutes(context: FlexAccountContext): Route[] {
  const { account } = context;
  const base = `https://taskrouter.twilio.com/v1/Workspaces/${account.workspaceSid}/TaskChannels`;
  const channelJson = (channel: TaskChannelRecord) => ({
    account_sid: context.accountSid,
    date_created: isoDate(account.created),
    date_updated: isoDate(account.created),
    friendly_name: channel.friendlyName,
    sid: channel.sid,
    unique_name: channel.uniqueName,
    workspace_sid: account.workspaceSid,
    channel_optimized_routing: null,
    url: `${base}/${channel.sid}`,
    links: { workspace: `https://taskrouter.twilio.com/v1/Workspaces/${account.workspaceSid}` },
  });
  return [
    {
      method: 'GET',
      template: '/v1/Workspaces/:workspaceSid/TaskChannels',
      handler: (request) => {
        if (request.pathParams.workspaceSid !== account.workspaceSid) throw notFound(request.path);
        const channels = account.taskChannels.map((channel, position) => ({ channel, position }));
        const page = paginate(channels, parsePageRequest(request.params, 1000), { key: 'channels', url: base, keyOf: (entry) => entry.position });
        return { status: 200, body: { channels: page.items.map((entry) => channelJson(entry.channel)), meta: page.meta } };
      },
    },
  ];
}
