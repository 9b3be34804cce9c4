/** What a caller of the client API may reach: a conversation by its path, and the caller's own participant in it. */
import type { ConversationsStore } from '../store/conversations-store';
import type { ConversationRecord, ParticipantRecord } from '../store/conversation-records';
import { ConversationsErrorCode, TwilioError, notFound } from '../twilio-errors';
import type { TunnelRequest } from './tunnel';

export interface ClientAccess {
  conversationOf: (request: TunnelRequest) => ConversationRecord;
  /** The caller's own participant: acting on a conversation needs one. */
  membership: (request: TunnelRequest) => { conversation: ConversationRecord; participant: ParticipantRecord };
}

export function clientAccess(store: ConversationsStore): ClientAccess {
  function conversationOf(request: TunnelRequest): ConversationRecord {
    const conversation = store.findConversation(request.pathParams.conversationSid ?? '');
    if (!conversation) throw notFound(request.path);
    return conversation;
  }

  function membership(request: TunnelRequest): { conversation: ConversationRecord; participant: ParticipantRecord } {
    const conversation = conversationOf(request);
    const participant = store.findParticipant(conversation.sid, request.caller.identity);
    if (!participant || participant.identity !== request.caller.identity) {
      throw new TwilioError(403, ConversationsErrorCode.callerNotParticipant, 'User is not a participant of the conversation');
    }
    return { conversation, participant };
  }

  return { conversationOf, membership };
}
