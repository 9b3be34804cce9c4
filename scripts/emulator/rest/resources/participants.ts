/** `/v1/Conversations/{CH}/Participants` (and under `/v1/Services/{IS}`): create, fetch, list, update, delete. */
import { paginate, parsePageRequest } from '../paging';
import type { ApiRequest, Route } from '../router';
import type { ParticipantRecord } from '../../store/conversation-records';
import { invalidParameter, notFound } from '../../twilio-errors';
import { isoDate, isoDateOrNull, optionalParam, requireConversation, scopeOf, serviceSidField, type ResourceContext, type Scope } from './common';
import { creationDatesParam } from './creation-dates';

function participantJson(context: ResourceContext, scope: Scope, participant: ParticipantRecord) {
  return {
    account_sid: context.accountSid,
    conversation_sid: participant.conversationSid,
    ...serviceSidField(context, scope),
    sid: participant.sid,
    identity: participant.identity,
    attributes: participant.attributes,
    messaging_binding: null,
    role_sid: null,
    date_created: isoDate(participant.dateCreated),
    date_updated: isoDate(participant.dateUpdated),
    url: `${scope.base}/Conversations/${participant.conversationSid}/Participants/${participant.sid}`,
    last_read_message_index: participant.lastReadMessageIndex,
    last_read_timestamp: isoDateOrNull(participant.lastReadTimestamp),
  };
}

/** A non-negative integer, or an empty value / `null` to clear the read horizon. */
function lastReadIndexParam(request: ApiRequest): number | null | undefined {
  const raw = optionalParam(request, 'LastReadMessageIndex');
  if (raw === undefined) return undefined;
  if (raw === '' || raw === 'null') return null;
  if (!/^\d{1,15}$/.test(raw)) throw invalidParameter('LastReadMessageIndex must be a non-negative integer');
  return Number(raw);
}

function requireParticipant(context: ResourceContext, request: ApiRequest): ParticipantRecord {
  const conversation = requireConversation(context, request);
  const participant = context.store.findParticipant(conversation.sid, request.pathParams.sid ?? '');
  if (!participant) throw notFound(request.path);
  return participant;
}

export function participantRoutes(context: ResourceContext): Route[] {
  const { store } = context;
  const list = '/Conversations/:conversationSid/Participants';
  return [
    {
      method: 'POST',
      template: list,
      handler: (request) => {
        const scope = scopeOf(context, request);
        const participant = store.addParticipant(requireConversation(context, request), {
          identity: optionalParam(request, 'Identity'),
          attributes: optionalParam(request, 'Attributes'),
          ...creationDatesParam(request),
        });
        return { status: 201, body: participantJson(context, scope, participant) };
      },
    },
    {
      method: 'GET',
      template: list,
      handler: (request) => {
        const scope = scopeOf(context, request);
        const conversation = requireConversation(context, request);
        const page = paginate(store.listParticipants(conversation.sid), parsePageRequest(request.params, 100), {
          key: 'participants',
          url: `${scope.base}/Conversations/${conversation.sid}/Participants`,
          keyOf: (participant) => participant.seq,
        });
        return { status: 200, body: { participants: page.items.map((p) => participantJson(context, scope, p)), meta: page.meta } };
      },
    },
    {
      method: 'GET',
      template: `${list}/:sid`,
      handler: (request) => {
        const scope = scopeOf(context, request);
        return { status: 200, body: participantJson(context, scope, requireParticipant(context, request)) };
      },
    },
    {
      method: 'POST',
      template: `${list}/:sid`,
      handler: (request) => {
        const scope = scopeOf(context, request);
        const participant = store.updateParticipant(requireParticipant(context, request), {
          attributes: optionalParam(request, 'Attributes'),
          lastReadMessageIndex: lastReadIndexParam(request),
        });
        return { status: 200, body: participantJson(context, scope, participant) };
      },
    },
    {
      method: 'DELETE',
      template: `${list}/:sid`,
      handler: (request) => {
        scopeOf(context, request);
        store.removeParticipant(requireParticipant(context, request));
        return { status: 204 };
      },
    },
  ];
}
