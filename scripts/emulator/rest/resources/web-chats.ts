/**
 * Flex `POST /v2/WebChats`: what Flex does for a new web chat on one of the account's Chat
 * addresses (store/flex-account.ts). It creates a
 * conversation in the Conversations service with the pre-engagement data in its attributes, a User
 * named after the customer and the customer's participant, and answers `{conversation_sid, identity}`.
 * The address's Studio flow then runs on the customer's messages (store/flex-interactions.ts).
 */
import { randomUUID } from 'node:crypto';
import { LimitErrorCode, MAX_CONVERSATION_ATTRIBUTES_BYTES } from '../../store/conversation-limits';
import type { FlexAccount } from '../../store/flex-account';
import type { FlexInteractions } from '../../store/flex-interactions';
import type { Route } from '../router';
import { isSid } from '../../store/sids';
import { TwilioError, invalidParameter, notFound } from '../../twilio-errors';
import { optionalParam, requiredParam, type ResourceContext } from './common';

export interface WebChatsContext extends ResourceContext {
  account: FlexAccount;
  interactions: FlexInteractions;
}

function parsePreEngagementData(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw invalidParameter('PreEngagementData must be a valid JSON string');
  }
}

export function webChatRoutes(context: WebChatsContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'POST',
      template: '/v2/WebChats',
      handler: (request) => {
        const addressSid = requiredParam(request, 'AddressSid');
        if (!isSid(addressSid, 'IG')) throw invalidParameter(`AddressSid ${addressSid} is not a valid Address sid (IG...)`);
        // Flex starts web chats only on Chat addresses that exist in the account.
        if (context.account.findAddress(addressSid)?.type !== 'chat') throw notFound(`/v1/Configuration/Addresses/${addressSid}`);
        const preEngagementData = parsePreEngagementData(optionalParam(request, 'PreEngagementData'));
        const attributes = JSON.stringify(preEngagementData === undefined ? {} : { pre_engagement_data: preEngagementData });
        // Flex refuses before creating anything: https://www.twilio.com/docs/api/errors/45731
        if (Buffer.byteLength(attributes) > MAX_CONVERSATION_ATTRIBUTES_BYTES) {
          throw new TwilioError(400, LimitErrorCode.preEngagementDataTooLarge, 'Failed to create webchat conversation. Pre-engagement data too large.');
        }

        const conversation = store.createConversation({ friendlyName: optionalParam(request, 'ChatFriendlyName'), attributes });
        // Flex's customer identities are opaque and unguessable.
        const identity = randomUUID();
        store.users.create({ identity, friendlyName: optionalParam(request, 'CustomerFriendlyName') });
        store.addParticipant(conversation, { identity });
        context.interactions.registerWebChat(conversation.sid, addressSid);
        return { status: 201, body: { conversation_sid: conversation.sid, identity } };
      },
    },
  ];
}
