/** `/v1/Conversations` (and the same under `/v1/Services/{IS}`): create, fetch, list, update, delete. */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import { CONVERSATION_STATES, type ConversationInput, type ConversationRecord } from '../../store/conversation-records';
import { enumParam, isoDate, optionalParam, requireConversation, scopeOf, type ResourceContext, type Scope } from './common';
import { creationDatesParam, creationRangeParam, withinCreationRange } from './creation-dates';

function conversationJson(context: ResourceContext, scope: Scope, conversation: ConversationRecord) {
  const url = `${scope.base}/Conversations/${conversation.sid}`;
  return {
    account_sid: context.accountSid,
    chat_service_sid: context.serviceSid,
    messaging_service_sid: null,
    sid: conversation.sid,
    friendly_name: conversation.friendlyName,
    unique_name: conversation.uniqueName,
    attributes: conversation.attributes,
    state: conversation.state,
    date_created: isoDate(conversation.dateCreated),
    date_updated: isoDate(conversation.dateUpdated),
    timers: {},
    url,
    links: {
      participants: `${url}/Participants`,
      messages: `${url}/Messages`,
      webhooks: `${url}/Webhooks`,
    },
    bindings: null,
  };
}

function conversationInput(request: ApiRequest): ConversationInput {
  return {
    friendlyName: optionalParam(request, 'FriendlyName'),
    uniqueName: optionalParam(request, 'UniqueName'),
    attributes: optionalParam(request, 'Attributes'),
    state: enumParam(request, 'State', CONVERSATION_STATES),
  };
}

export function conversationRoutes(context: ResourceContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'POST',
      template: '/Conversations',
      handler: (request) => {
        const scope = scopeOf(context, request);
        const conversation = store.createConversation({ ...conversationInput(request), ...creationDatesParam(request) });
        return { status: 201, body: conversationJson(context, scope, conversation) };
      },
    },
    {
      method: 'GET',
      template: '/Conversations',
      handler: (request) => {
        const scope = scopeOf(context, request);
        const state = enumParam(request, 'State', CONVERSATION_STATES);
        const created = creationRangeParam(request);
        const conversations = withinCreationRange(store.listConversations(state), created);
        const page = paginate(conversations, parsePageRequest(request.params, 100), {
          key: 'conversations',
          url: `${scope.base}/Conversations`,
          query: { ...created.query, ...(state === undefined ? {} : { State: state }) },
          keyOf: (conversation) => conversation.seq,
        });
        return { status: 200, body: { conversations: page.items.map((c) => conversationJson(context, scope, c)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: '/Conversations/:sid',
      handler: (request) => {
        const scope = scopeOf(context, request);
        return { status: 200, body: conversationJson(context, scope, requireConversation(context, request)) };
      },
    },
    {
      method: 'POST',
      template: '/Conversations/:sid',
      handler: (request) => {
        const scope = scopeOf(context, request);
        const conversation = requireConversation(context, request);
        return { status: 200, body: conversationJson(context, scope, store.updateConversation(conversation, conversationInput(request))) };
      },
    },
    {
      method: 'DELETE',
      template: '/Conversations/:sid',
      handler: (request) => {
        scopeOf(context, request);
        store.deleteConversation(requireConversation(context, request));
        return { status: 204 };
      },
    },
  ];
}
