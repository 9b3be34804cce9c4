/**
 * The service role every visitor's user gets (the Conversations service's
 * `default_chat_service_role_sid`) must not let a token act on conversations it does not take part
 * in. Flex's own service roles for agents carry these permissions
 * (https://www.twilio.com/docs/flex/admin-guide/setup/conversations/conversations-roles), and a
 * service's default user role may carry `joinConversation` (the chat service's default "service
 * user" role does: https://www.twilio.com/docs/chat/permissions). With it, anyone holding a visitor
 * token could add itself to any conversation whose SID it knows and read it. Setup takes these
 * permissions from that role and keeps the rest; the role is replaced as a whole by an update
 * (https://www.twilio.com/docs/conversations/api/role-resource).
 */
import type { Twilio } from 'twilio';

/** Service-scope permissions that act on conversations the user is not in (Role resource, "Permission values"). */
export const VISITOR_FORBIDDEN_PERMISSIONS: readonly string[] = ['joinConversation', 'addParticipant', 'removeParticipant', 'deleteConversation'];

/** What a role keeps when nothing else is left: a user may always set its own name. */
const HARMLESS = 'editOwnUserInfo';

export interface VisitorRoleChange {
  roleSid: string;
  friendlyName: string;
  /** The permissions taken away; empty when the role was safe already. */
  removed: string[];
}

export async function restrictVisitorRole(client: Twilio, conversationsServiceSid: string): Promise<VisitorRoleChange> {
  const service = client.conversations.v1.services(conversationsServiceSid);
  const { defaultChatServiceRoleSid } = await service.configuration().fetch();
  const role = await service.roles(defaultChatServiceRoleSid).fetch();
  const removed = role.permissions.filter((permission) => VISITOR_FORBIDDEN_PERMISSIONS.includes(permission));
  if (removed.length > 0) {
    const kept = role.permissions.filter((permission) => !VISITOR_FORBIDDEN_PERMISSIONS.includes(permission));
    await service.roles(defaultChatServiceRoleSid).update({ permission: kept.length > 0 ? kept : [HARMLESS] });
  }
  return { roleSid: defaultChatServiceRoleSid, friendlyName: role.friendlyName, removed };
}
