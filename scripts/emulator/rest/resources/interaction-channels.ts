/**
 * Flex `GET/POST /v1/Interactions/{KD}/Channels/{UO}` (twilio_flex_v1.json, FetchInteractionChannel
 * and UpdateInteractionChannel): how a channel of a web chat's interaction is read and closed
 * (https://www.twilio.com/docs/flex/developer/conversations/interactions-api/channels-subresource).
 * `Status` is required and is `closed` or `inactive`; Flex answers 45358 when it is missing and
 * 45359 when it is not one of those (https://www.twilio.com/docs/api/errors/45358, .../45359).
 * `Routing` (what to do with the tasks) is accepted; without it tasks go to wrapping, which is all
 * the emulator does.
 */
import type { FlexInteractions, InteractionChannelRecord } from '../../store/flex-interactions';
import type { ApiRequest, Route } from '../router';
import { TwilioError, notFound } from '../../twilio-errors';

export interface InteractionsContext {
  interactions: FlexInteractions;
}

const UPDATE_STATUSES = ['closed', 'inactive'] as const;

function channelJson(channel: InteractionChannelRecord) {
  const url = `https://flex-api.twilio.com/v1/Interactions/${channel.interactionSid}/Channels/${channel.sid}`;
  return {
    sid: channel.sid,
    interaction_sid: channel.interactionSid,
    type: 'chat',
    status: channel.status,
    error_code: null,
    error_message: null,
    url,
    links: { participants: `${url}/Participants`, invites: `${url}/Invites`, transfers: `${url}/Transfers` },
  };
}

function requireChannel(context: InteractionsContext, request: ApiRequest): InteractionChannelRecord {
  const channel = context.interactions.findChannel(request.pathParams.interactionSid ?? '', request.pathParams.sid ?? '');
  if (channel === undefined) throw notFound(request.path);
  return channel;
}

export function interactionChannelRoutes(context: InteractionsContext): Route[] {
  const template = '/v1/Interactions/:interactionSid/Channels/:sid';
  return [
    { method: 'GET', template, handler: (request) => ({ status: 200, body: channelJson(requireChannel(context, request)) }) },
    {
      method: 'POST',
      template,
      handler: (request) => {
        const channel = requireChannel(context, request);
        const status = request.params.Status;
        if (status === undefined || status === '') throw new TwilioError(400, 45358, 'Missing required parameter Status');
        const update = UPDATE_STATUSES.find((allowed) => allowed === status);
        if (update === undefined) throw new TwilioError(400, 45359, `Invalid Status ${status.slice(0, 40)}: must be one of ${UPDATE_STATUSES.join(', ')}`);
        return { status: 200, body: channelJson(context.interactions.updateChannel(channel, update)) };
      },
    },
  ];
}
