/**
 * Conversations `/v1/Configuration/Addresses`: the address configurations Flex lists as
 * "Conversations Addresses". A web chat address is type `chat`, wired to Flex by a Studio flow.
 */
import type { AddressRecord, FlexAccount } from '../../store/flex-account';
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import { invalidParameter, notFound } from '../../twilio-errors';
import { enumParam, isoDate, optionalParam, requiredParam } from './common';

export interface FlexAccountContext {
  account: FlexAccount;
  accountSid: string;
}

const BASE = 'https://conversations.twilio.com/v1/Configuration/Addresses';
const ADDRESS_TYPES = ['sms', 'whatsapp', 'messenger', 'gbm', 'email', 'rcs', 'apple', 'chat'];
const AUTO_CREATION_TYPES = ['webhook', 'studio', 'default'] as const;

function addressJson(context: FlexAccountContext, address: AddressRecord) {
  return {
    sid: address.sid,
    account_sid: context.accountSid,
    type: address.type,
    address: address.address,
    friendly_name: address.friendlyName,
    auto_creation: {
      enabled: address.autoCreation.enabled,
      type: address.autoCreation.type,
      conversation_service_sid: address.autoCreation.conversationServiceSid,
      studio_flow_sid: address.autoCreation.studioFlowSid,
      studio_retry_count: address.autoCreation.studioRetryCount,
    },
    date_created: isoDate(address.dateCreated),
    date_updated: isoDate(address.dateUpdated),
    url: `${BASE}/${address.sid}`,
    address_country: null,
  };
}

function requireAddress(context: FlexAccountContext, request: ApiRequest): AddressRecord {
  const address = context.account.findAddress(request.pathParams.sid ?? '');
  if (!address) throw notFound(request.path);
  return address;
}

export function addressRoutes(context: FlexAccountContext): Route[] {
  const { account } = context;
  return [
    {
      method: 'POST',
      template: '/v1/Configuration/Addresses',
      handler: (request) => {
        const type = requiredParam(request, 'Type');
        if (!ADDRESS_TYPES.includes(type)) throw invalidParameter(`Invalid Type: must be one of ${ADDRESS_TYPES.join(', ')}`);
        const autoCreationType = enumParam(request, 'AutoCreation.Type', AUTO_CREATION_TYPES);
        const studioFlowSid = optionalParam(request, 'AutoCreation.StudioFlowSid');
        if (autoCreationType === 'studio' && studioFlowSid === undefined) throw invalidParameter('AutoCreation.StudioFlowSid is required for AutoCreation.Type studio');
        const enabled = enumParam(request, 'AutoCreation.Enabled', ['true', 'false'] as const);
        const address = account.createAddress({
          type,
          address: requiredParam(request, 'Address'),
          friendlyName: optionalParam(request, 'FriendlyName'),
          studioFlowSid,
          autoCreation: {
            enabled: enabled === undefined ? undefined : enabled === 'true',
            type: autoCreationType,
            conversationServiceSid: optionalParam(request, 'AutoCreation.ConversationServiceSid'),
          },
        });
        return { status: 201, body: addressJson(context, address) };
      },
    },
    {
      method: 'GET',
      template: '/v1/Configuration/Addresses',
      handler: (request) => {
        const type = optionalParam(request, 'Type');
        const page = paginate(account.listAddresses(type), parsePageRequest(request.params, 1000), {
          key: 'address_configurations',
          url: BASE,
          query: type === undefined ? {} : { Type: type },
          keyOf: (address) => address.seq,
        });
        return { status: 200, body: { address_configurations: page.items.map((a) => addressJson(context, a)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: '/v1/Configuration/Addresses/:sid',
      handler: (request) => ({ status: 200, body: addressJson(context, requireAddress(context, request)) }),
    },
    {
      method: 'DELETE',
      template: '/v1/Configuration/Addresses/:sid',
      handler: (request) => {
        account.deleteAddress(requireAddress(context, request).sid);
        return { status: 204 };
      },
    },
  ];
}
