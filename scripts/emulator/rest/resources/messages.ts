/** `/v1/Conversations/{CH}/Messages` (and under `/v1/Services/{IS}`): create, fetch, list, update, delete. */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { ConversationsStore } from '../../store/conversations-store';
import type { MessageRecord } from '../../store/conversation-records';
import { notFound } from '../../twilio-errors';
import { enumParam, isoDate, isoDateOrNull, optionalParam, requireConversation, scopeOf, serviceSidField, type ResourceContext, type Scope } from './common';

const ORDERS = ['asc', 'desc'] as const;

function mediaJson(store: ConversationsStore, message: MessageRecord) {
  if (message.mediaSids.length === 0) return null;
  return message.mediaSids.flatMap((sid) => {
    const media = store.media.find(sid);
    return media ? [{ sid: media.sid, content_type: media.contentType, filename: media.filename, size: media.size, category: 'media' }] : [];
  });
}

function messageJson(context: ResourceContext, scope: Scope, message: MessageRecord) {
  const url = `${scope.base}/Conversations/${message.conversationSid}/Messages/${message.sid}`;
  return {
    account_sid: context.accountSid,
    conversation_sid: message.conversationSid,
    ...serviceSidField(context, scope),
    sid: message.sid,
    index: message.index,
    author: message.author,
    body: message.body,
    media: mediaJson(context.store, message),
    attributes: message.attributes,
    participant_sid: message.participantSid,
    date_created: isoDate(message.dateCreated),
    date_updated: isoDateOrNull(message.dateUpdated),
    url,
    delivery: null,
    links: {
      delivery_receipts: `${url}/Receipts`,
      channel_metadata: `${url}/ChannelMetadata`,
    },
    content_sid: null,
  };
}

function requireMessage(context: ResourceContext, request: ApiRequest): MessageRecord {
  const conversation = requireConversation(context, request);
  const message = context.store.findMessage(conversation.sid, request.pathParams.sid ?? '');
  if (!message) throw notFound(request.path);
  return message;
}

export function messageRoutes(context: ResourceContext): Route[] {
  const { store } = context;
  const list = '/Conversations/:conversationSid/Messages';
  return [
    {
      method: 'POST',
      template: list,
      handler: (request) => {
        const scope = scopeOf(context, request);
        const message = store.addMessage(requireConversation(context, request), {
          author: optionalParam(request, 'Author'),
          body: optionalParam(request, 'Body'),
          attributes: optionalParam(request, 'Attributes'),
          mediaSids: request.multiParams.getAll('MediaSid'),
          webhookEnabled: request.webhookEnabled,
        });
        return { status: 201, body: messageJson(context, scope, message) };
      },
    },
    {
      method: 'GET',
      template: list,
      handler: (request) => {
        const scope = scopeOf(context, request);
        const conversation = requireConversation(context, request);
        const order = enumParam(request, 'Order', ORDERS) ?? 'asc';
        const messages = store.listMessages(conversation.sid);
        if (order === 'desc') messages.reverse();
        const page = paginate(messages, parsePageRequest(request.params, 100), {
          key: 'messages',
          url: `${scope.base}/Conversations/${conversation.sid}/Messages`,
          query: { Order: order },
          keyOf: (message) => message.index,
        });
        return { status: 200, body: { messages: page.items.map((m) => messageJson(context, scope, m)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: `${list}/:sid`,
      handler: (request) => {
        const scope = scopeOf(context, request);
        return { status: 200, body: messageJson(context, scope, requireMessage(context, request)) };
      },
    },
    {
      method: 'POST',
      template: `${list}/:sid`,
      handler: (request) => {
        const scope = scopeOf(context, request);
        const message = store.updateMessage(requireMessage(context, request), {
          author: optionalParam(request, 'Author'),
          body: optionalParam(request, 'Body'),
          attributes: optionalParam(request, 'Attributes'),
        });
        return { status: 200, body: messageJson(context, scope, message) };
      },
    },
    {
      method: 'DELETE',
      template: `${list}/:sid`,
      handler: (request) => {
        scopeOf(context, request);
        store.removeMessage(requireMessage(context, request));
        return { status: 204 };
      },
    },
  ];
}
