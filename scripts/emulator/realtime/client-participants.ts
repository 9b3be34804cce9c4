/**
 * Participants through the client API (conversation.js `join`, `add`, `removeParticipant`,
 * participant.js `updateAttributes`), each as the service's roles allow (store/service-roles.ts).
 */
import type { ConversationsStore } from '../store/conversations-store';
import type { ConversationRecord, ParticipantRecord } from '../store/conversation-records';
import { ConversationsErrorCode, TwilioError, notFound } from '../twilio-errors';
import { clientAccess } from './client-access';
import { optionalString, type TunnelRequest, type TunnelResponse, type TunnelRoute } from './tunnel';

export function participantRoutes(store: ConversationsStore): TunnelRoute[] {
  const { conversationOf, membership } = clientAccess(store);

  const participantJson = (participant: ParticipantRecord) => ({
    sid: participant.sid,
    conversation_sid: participant.conversationSid,
    identity: participant.identity,
    attributes: participant.attributes,
    date_created: participant.dateCreated.toISOString(),
    date_updated: participant.dateUpdated.toISOString(),
    role_sid: null,
    messaging_binding: null,
  });

  /** The caller's roles must grant `permission` (store/service-roles.ts); as a participant, its conversation role counts too. */
  function requirePermission(request: TunnelRequest, conversation: ConversationRecord, permission: string): void {
    const participant = store.findParticipant(conversation.sid, request.caller.identity);
    if (!store.roles.grants(permission, participant?.identity === request.caller.identity)) {
      throw new TwilioError(403, ConversationsErrorCode.roleForbids, `User unauthorized for command: the role has no ${permission} permission`);
    }
  }

  /** Joining oneself (conversation.js `join`) needs `joinConversation`; adding anyone else, `addParticipant`. */
  const addParticipant = (request: TunnelRequest): TunnelResponse => {
    const conversation = conversationOf(request);
    const identity = optionalString(request.body, 'identity');
    requirePermission(request, conversation, identity === request.caller.identity ? 'joinConversation' : 'addParticipant');
    const participant = store.addParticipant(conversation, { identity, attributes: optionalString(request.body, 'attributes') });
    return { status: 201, body: participantJson(participant) };
  };

  const participantOf = (request: TunnelRequest): ParticipantRecord => {
    const { conversation } = membership(request);
    const participant = store.findParticipant(conversation.sid, request.pathParams.participant ?? '');
    if (!participant) throw notFound(request.path);
    return participant;
  };

  const updateParticipant = (request: TunnelRequest): TunnelResponse => {
    const participant = store.updateParticipant(participantOf(request), { attributes: optionalString(request.body, 'attributes') });
    return { status: 200, body: participantJson(participant) };
  };

  /** Leaving needs `leaveConversation`; removing someone else, `removeParticipant`. */
  const removeParticipant = (request: TunnelRequest): TunnelResponse => {
    const participant = participantOf(request);
    const conversation = conversationOf(request);
    requirePermission(request, conversation, participant.identity === request.caller.identity ? 'leaveConversation' : 'removeParticipant');
    store.removeParticipant(participant);
    return { status: 204, body: {} };
  };

  return [
    { method: 'POST', template: '/Client/v2/Conversations/:conversationSid/Participants', handler: addParticipant },
    { method: 'POST', template: '/Client/v2/Conversations/:conversationSid/Participants/:participant', handler: updateParticipant },
    { method: 'DELETE', template: '/Client/v2/Conversations/:conversationSid/Participants/:participant', handler: removeParticipant },
  ];
}
