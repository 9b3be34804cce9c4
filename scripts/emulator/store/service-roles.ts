/**
 * The roles of the Conversations service: what a user may do in the service (service roles) and
 * what a participant may do in a conversation (conversation roles). Pure state, no HTTP.
 *
 * It starts as a fresh Flex account's service, from what Twilio documents:
 * - Flex's own roles, created with the service: service roles `admin` and `supervisor`, conversation
 *   roles `guest` (the default for participants), `agent`, `admin` and `supervisor`
 *   (https://www.twilio.com/docs/flex/admin-guide/setup/conversations/conversations-roles).
 * - The role a user who connects with an Access Token gets is the service's
 *   `default_chat_service_role_sid` ("the service-level role assigned to users when they are added
 *   to the service", https://www.twilio.com/docs/conversations/api/service-configuration-resource).
 *   Flex's page names no such role; a Conversations service is created with the chat service's
 *   default "service user" role, whose documented permissions are to create, join and edit one's own
 *   user info (https://www.twilio.com/docs/chat/permissions, "Service User (Default Service User
 *   Role)": createChannel, joinChannel, editOwnUserInfo; in Conversations' terms, from
 *   https://www.twilio.com/docs/conversations/api/role-resource#permission-values:
 *   createConversation, joinConversation, editOwnUserInfo). With `joinConversation`, any token
 *   holder may join any conversation whose SID it knows: `npm run setup` takes that away.
 * - A conversation's creator gets `default_conversation_creator_role_sid`; Flex's page names none,
 *   so the emulator gives its `admin` conversation role (Chat's "Channel Admin" is that default).
 */
import { newSid } from './sids';
import { invalidParameter } from '../twilio-errors';

export type RoleType = 'service' | 'conversation';
export const ROLE_TYPES: readonly RoleType[] = ['service', 'conversation'];

export interface RoleRecord {
  sid: string;
  friendlyName: string;
  type: RoleType;
  permissions: string[];
  dateCreated: Date;
  dateUpdated: Date;
  seq: number;
}

const AGENT_CONVERSATION = ['editConversationAttributes', 'sendMessage', 'sendMediaMessage', 'leaveConversation', 'editOwnMessage', 'editOwnMessageAttributes', 'deleteOwnMessage'];
const ADMIN_CONVERSATION = [...AGENT_CONVERSATION, 'editAnyMessage', 'editAnyMessageAttributes', 'deleteAnyMessage'];

const FLEX_ROLES: ReadonlyArray<[string, RoleType, string[]]> = [
  ['service user', 'service', ['createConversation', 'joinConversation', 'editOwnUserInfo']],
  ['admin', 'service', ['joinConversation', 'deleteConversation', 'addParticipant', 'removeParticipant', 'editConversationAttributes', 'editOwnUserInfo', 'editAnyUserInfo']],
  ['supervisor', 'service', ['joinConversation', 'addParticipant', 'removeParticipant', 'editOwnUserInfo']],
  ['guest', 'conversation', ['sendMessage', 'sendMediaMessage', 'leaveConversation']],
  ['agent', 'conversation', AGENT_CONVERSATION],
  ['admin', 'conversation', ADMIN_CONVERSATION],
  ['supervisor', 'conversation', ADMIN_CONVERSATION],
];

/** The service configuration's three defaults. */
export interface RoleDefaults {
  service: string;
  conversation: string;
  conversationCreator: string;
}

/** Twilio's limit on a role's FriendlyName. */
const MAX_FRIENDLY_NAME = 64;

export class ServiceRoles {
  private readonly roles = new Map<string, RoleRecord>();
  private seq = 0;
  defaults: RoleDefaults = { service: '', conversation: '', conversationCreator: '' };

  constructor(private readonly now: () => Date = () => new Date()) {
    this.reset();
  }

  reset(): void {
    this.roles.clear();
    const created = FLEX_ROLES.map(([friendlyName, type, permissions]) => this.create({ friendlyName, type, permissions }));
    const named = (name: string, type: RoleType): string => created.find((role) => role.friendlyName === name && role.type === type)?.sid ?? '';
    this.defaults = { service: named('service user', 'service'), conversation: named('guest', 'conversation'), conversationCreator: named('admin', 'conversation') };
  }

  list(): RoleRecord[] {
    return [...this.roles.values()];
  }

  find(sid: string): RoleRecord | undefined {
    return this.roles.get(sid);
  }

  create(input: { friendlyName: string; type: RoleType; permissions: readonly string[] }): RoleRecord {
    if (input.friendlyName.length > MAX_FRIENDLY_NAME) throw invalidParameter(`FriendlyName exceeds ${MAX_FRIENDLY_NAME} characters`);
    const now = this.now();
    const role: RoleRecord = { sid: newSid('RL'), friendlyName: input.friendlyName, type: input.type, permissions: checked(input.permissions), dateCreated: now, dateUpdated: now, seq: ++this.seq };
    this.roles.set(role.sid, role);
    return role;
  }

  /** An update replaces every permission the role had (the Role resource's `Permission`). */
  update(role: RoleRecord, permissions: readonly string[]): RoleRecord {
    role.permissions = checked(permissions);
    role.dateUpdated = this.now();
    return role;
  }

  /**
   * Whether a user may do `permission`: every user has the default service role, and a participant
   * the default conversation role as well (nothing here assigns any other).
   */
  grants(permission: string, asParticipant: boolean): boolean {
    const allows = (roleSid: string): boolean => this.roles.get(roleSid)?.permissions.includes(permission) ?? false;
    return allows(this.defaults.service) || (asParticipant && allows(this.defaults.conversation));
  }
}

function checked(permissions: readonly string[]): string[] {
  if (permissions.length === 0) throw invalidParameter('Permission is required');
  return [...new Set(permissions)];
}
