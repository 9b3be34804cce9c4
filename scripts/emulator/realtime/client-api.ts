/**
 * The Conversations client API the SDK calls through twilsock (aim.*): configuration, my
 * conversations, read horizon, messages, participants, users and typing. Shapes come from the
 * SDK: configuration.js (Configuration), data/conversations.js (`_fetchMyConversations`,
 * `peekConversation`), data/messages.js (`send`, `sendV2`), data/users.js (`getSyncUniqueName`),
 * services/typing-indicator.js. Every change goes through the store, so REST sees it too.
 * Participants are in client-participants.ts; who may act on a conversation, in client-access.ts.
 */
import { FLEX_WEB_FILES } from '../../../contract/limits';
import type { ConversationsStore } from '../store/conversations-store';
import type { ConversationRecord, ParticipantRecord } from '../store/conversation-records';
import { TwilioError, notFound } from '../twilio-errors';
import { clientAccess } from './client-access';
import { participantRoutes } from './client-participants';
import { names } from './projection';
import { optionalCount, optionalString, type TunnelRequest, type TunnelResponse, type TunnelRoute } from './tunnel';

/** Seconds a typing indicator lasts (the SDK's own default is 5). */
export const TYPING_TIMEOUT_SECONDS = 5;

/** Media limits announced to the SDK, which checks them before upload: those of the Flex web chat this emulator plays. */
const MEDIA_LIMITS = {
  media_attachments_count_limit: FLEX_WEB_FILES.perMessage,
  media_attachment_size_limit_in_mb: FLEX_WEB_FILES.maxFileBytes / (1024 * 1024),
  media_attachments_total_size_limit_in_mb: FLEX_WEB_FILES.maxTotalBytes / (1024 * 1024),
};

export interface ClientApiDependencies {
  store: ConversationsStore;
  serviceSid: string;
  /** The emulator's own http URL: the SDK uploads media there directly, not through twilsock. */
  publicUrl: () => string;
  /** Tells the other participants' connections that `identity` is typing. */
  typing: (conversationSid: string, identity: string) => void;
}

export function mediaServicePath(serviceSid: string): string {
  return `/v1/Services/${serviceSid}/Media`;
}

export function clientApiRoutes(deps: ClientApiDependencies): TunnelRoute[] {
  const { store } = deps;
  const base = (request: TunnelRequest): string => `https://${request.host}/Client/v2`;

  const { membership } = clientAccess(store);

  function syncObjects(conversationSid: string) {
    return { conversation: names.document(conversationSid), messages: names.messages(conversationSid), participants: names.roster(conversationSid) };
  }

  function unreadCount(participant: ParticipantRecord): number {
    const last = participant.lastReadMessageIndex;
    return store.listMessages(participant.conversationSid).filter((m) => last === null || m.index > last).length;
  }

  function myConversationJson(conversation: ConversationRecord, participant: ParticipantRecord) {
    return {
      conversation_sid: conversation.sid,
      unique_name: conversation.uniqueName,
      friendly_name: conversation.friendlyName,
      attributes: conversation.attributes,
      status: 'joined',
      created_by: 'system',
      date_created: conversation.dateCreated.toISOString(),
      date_updated: conversation.dateUpdated.toISOString(),
      last_read_message_index: participant.lastReadMessageIndex,
      unread_messages_count: unreadCount(participant),
      notification_level: 'default',
      sync_objects: syncObjects(conversation.sid),
    };
  }

  const configuration = (request: TunnelRequest): TunnelResponse => {
    const media = `${deps.publicUrl()}${mediaServicePath(deps.serviceSid)}`;
    const identity = request.caller.identity;
    return {
      status: 200,
      body: {
        identity,
        links: {
          conversations: `${base(request)}/Conversations`,
          my_conversations: `${base(request)}/Me/Conversations`,
          users: `${base(request)}/Users`,
          current_user: `${base(request)}/Users/${encodeURIComponent(identity)}`,
          typing: `${base(request)}/Services/${deps.serviceSid}/Typing`,
          media_service: media,
          media_set_service: `${media}Set`,
          messages_receipts: `${base(request)}/Conversations/%s/Messages/%s/Receipts`,
        },
        options: {
          ...MEDIA_LIMITS,
          consumption_report_interval: 'PT5S',
          http_cache_interval: 'PT5S',
          user_infos_to_subscribe: 100,
          reachability_enabled: false,
          email_histories_allowed_mime_types: [],
          email_bodies_allowed_mime_types: [],
        },
        sync_objects: { my_conversations: names.myConversations(identity), my_user_info: names.userInfo(identity) },
      },
    };
  };

  const myConversations = (request: TunnelRequest): TunnelResponse => {
    const identity = request.caller.identity;
    const conversations = store.listConversations().flatMap((conversation) => {
      const participant = store.findParticipant(conversation.sid, identity);
      return participant?.identity === identity ? [myConversationJson(conversation, participant)] : [];
    });
    return { status: 200, body: { conversations, meta: { next_token: null } } };
  };

  const myConversation = (request: TunnelRequest): TunnelResponse => {
    const { conversation, participant } = membership(request);
    return { status: 200, body: myConversationJson(conversation, participant) };
  };

  /** Read horizon and notification level (conversation.js `_setLastReadMessageIndex`). */
  const updateMyConversation = (request: TunnelRequest): TunnelResponse => {
    const { conversation, participant } = membership(request);
    const index = optionalCount(request.body, 'last_read_message_index');
    if (index !== undefined) store.updateParticipant(participant, { lastReadMessageIndex: index });
    return { status: 200, body: myConversationJson(conversation, participant) };
  };

  const peekConversation = (request: TunnelRequest): TunnelResponse => {
    const { conversation } = membership(request);
    return {
      status: 200,
      body: {
        sid: conversation.sid,
        unique_name: conversation.uniqueName,
        friendly_name: conversation.friendlyName,
        attributes: conversation.attributes,
        created_by: 'system',
        date_created: conversation.dateCreated.toISOString(),
        date_updated: conversation.dateUpdated.toISOString(),
        messages_count: store.listMessages(conversation.sid).length,
        participants_count: store.listParticipants(conversation.sid).length,
        state: conversation.state,
        status: 'joined',
        sync_objects: syncObjects(conversation.sid),
      },
    };
  };

  const updateConversation = (request: TunnelRequest): TunnelResponse => {
    const { conversation } = membership(request);
    store.updateConversation(conversation, {
      attributes: optionalString(request.body, 'attributes'),
      friendlyName: optionalString(request.body, 'friendly_name'),
      uniqueName: optionalString(request.body, 'unique_name'),
    });
    return peekConversation(request);
  };

  /** Messages the SDK sends count as sent by a chat user: authored by it, webhooks fire. */
  const sendMessage = (request: TunnelRequest): TunnelResponse => {
    const { conversation } = membership(request);
    const mediaSids = request.body.media_sids;
    const message = store.addMessage(conversation, {
      author: request.caller.identity,
      body: optionalString(request.body, 'body'),
      attributes: optionalString(request.body, 'attributes'),
      mediaSids: Array.isArray(mediaSids) ? mediaSids.filter((sid): sid is string => typeof sid === 'string') : [],
      webhookEnabled: true,
    });
    return {
      status: 201,
      body: {
        sid: message.sid,
        index: message.index,
        conversation_sid: message.conversationSid,
        author: message.author,
        body: message.body,
        attributes: message.attributes,
        participant_sid: message.participantSid,
        media_sids: message.mediaSids,
        date_created: message.dateCreated.toISOString(),
      },
    };
  };

  const userJson = (request: TunnelRequest) => {
    const user = store.users.find(request.pathParams.identity ?? '');
    if (!user) throw notFound(request.path);
    return {
      sid: user.sid,
      identity: user.identity,
      friendly_name: user.friendlyName,
      attributes: user.attributes,
      date_created: user.dateCreated.toISOString(),
      date_updated: user.dateUpdated.toISOString(),
      sync_objects: { user_info_map: names.userInfo(user.identity) },
    };
  };

  /** Users may rename themselves (user.js `updateFriendlyName`), nobody else. */
  const updateUser = (request: TunnelRequest): TunnelResponse => {
    const user = store.users.find(request.pathParams.identity ?? '');
    if (!user) throw notFound(request.path);
    if (user.identity !== request.caller.identity) throw new TwilioError(403, 20403, 'Users can only update themselves');
    store.users.update(user, { friendlyName: optionalString(request.body, 'friendly_name'), attributes: optionalString(request.body, 'attributes') });
    return { status: 200, body: userJson(request) };
  };

  /** Typing: a form `ChannelSid=CH…`; the answer tells the SDK how long an indicator lasts. */
  const typing = (request: TunnelRequest): TunnelResponse => {
    const conversationSid = optionalString(request.body, 'ChannelSid') ?? '';
    membership({ ...request, pathParams: { conversationSid } });
    deps.typing(conversationSid, request.caller.identity);
    return { status: 200, body: { typing_timeout: TYPING_TIMEOUT_SECONDS } };
  };

  return [
    { method: 'GET', template: '/Client/v2/Configuration', handler: configuration },
    { method: 'GET', template: '/Client/v2/Me/Conversations', handler: myConversations },
    { method: 'GET', template: '/Client/v2/Me/Conversations/:conversationSid', handler: myConversation },
    { method: 'POST', template: '/Client/v2/Me/Conversations/:conversationSid', handler: updateMyConversation },
    { method: 'GET', template: '/Client/v2/Conversations/:conversationSid', handler: peekConversation },
    { method: 'POST', template: '/Client/v2/Conversations/:conversationSid', handler: updateConversation },
    { method: 'POST', template: '/Client/v2/Conversations/:conversationSid/Messages', handler: sendMessage },
    ...participantRoutes(store),
    { method: 'GET', template: '/Client/v2/Users/:identity', handler: (request) => ({ status: 200, body: userJson(request) }) },
    { method: 'POST', template: '/Client/v2/Users/:identity', handler: updateUser },
    { method: 'POST', template: `/Client/v2/Services/:serviceSid/Typing`, handler: typing },
  ];
}
