/**
 * The state of the one Conversations service the emulator plays: conversations, participants,
 * messages, users (users-store.ts) and media. Pure (no HTTP): REST resources and the realtime side both go through
 * it, and every change is announced to subscribers so REST changes reach realtime streams too.
 * Rules Twilio enforces (uniqueness, closed conversations, the documented length limits of
 * conversation-limits.ts) are enforced here.
 */
import { checkAttributes, checkBody, checkConversationUniqueName, checkFriendlyName, checkIdentity } from './conversation-limits';
import { creationDates, type ConversationInput, type ConversationRecord, type ConversationState, type CreationDates, type MessageInput, type MessageRecord, type MessageUpdate, type ParticipantInput, type ParticipantRecord, type ParticipantUpdate, type StoreEvent } from './conversation-records';
import { MediaStore } from './media-store';
import { ServiceRoles } from './service-roles';
import { newSid } from './sids';
import { UsersStore } from './users-store';
import { ConversationsErrorCode, TwilioError, invalidParameter } from '../twilio-errors';

export class ConversationsStore {
  /** Media messages may name; kept apart because nothing announces their changes. */
  readonly media: MediaStore;
  /** What users and participants may do: checked by the realtime side, where tokens act. */
  readonly roles: ServiceRoles;
  /** The service's users (users-store.ts). */
  readonly users: UsersStore;
  /** When the (one, Flex's) Conversations service was made: when the emulator started. */
  readonly serviceCreated: Date;
  private conversations = new Map<string, ConversationRecord>();
  private participants = new Map<string, ParticipantRecord>();
  private messages = new Map<string, MessageRecord>();
  private seq = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(private readonly now: () => Date = () => new Date()) {
    this.media = new MediaStore(now);
    this.roles = new ServiceRoles(now);
    this.users = new UsersStore(now, () => ++this.seq, (event) => this.emit(event));
    this.serviceCreated = now();
  }

  reset(): void {
    this.conversations.clear();
    this.participants.clear();
    this.messages.clear();
    this.users.reset();
    this.media.reset();
    this.roles.reset();
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // Conversations ---------------------------------------------------------------------------

  createConversation(input: ConversationInput & CreationDates): ConversationRecord {
    checkFriendlyName(input.friendlyName);
    if (input.uniqueName !== undefined) this.checkUniqueNameFree(input.uniqueName);
    const conversation: ConversationRecord = {
      sid: newSid('CH'),
      friendlyName: input.friendlyName ?? null,
      uniqueName: input.uniqueName ?? null,
      attributes: checkAttributes('conversation', input.attributes ?? '{}'),
      state: input.state ?? 'active',
      ...creationDates(input, this.now()),
      nextMessageIndex: 0,
      seq: ++this.seq,
    };
    this.conversations.set(conversation.sid, conversation);
    return conversation;
  }

  /** Twilio lets a conversation be addressed by its sid or its unique name. */
  findConversation(sidOrUniqueName: string): ConversationRecord | undefined {
    const bySid = this.conversations.get(sidOrUniqueName);
    if (bySid) return bySid;
    for (const conversation of this.conversations.values()) {
      if (conversation.uniqueName === sidOrUniqueName) return conversation;
    }
    return undefined;
  }

  listConversations(state?: ConversationState): ConversationRecord[] {
    return [...this.conversations.values()].filter((c) => state === undefined || c.state === state);
  }

  updateConversation(conversation: ConversationRecord, input: ConversationInput): ConversationRecord {
    if (input.state !== undefined && conversation.state === 'closed' && input.state !== 'closed') {
      throw new TwilioError(400, ConversationsErrorCode.conversationClosed, "Can't update conversation as it's in final closed state");
    }
    checkFriendlyName(input.friendlyName);
    if (input.uniqueName !== undefined && input.uniqueName !== conversation.uniqueName) {
      this.checkUniqueNameFree(input.uniqueName);
    }
    if (input.attributes !== undefined) {
      conversation.attributes = checkAttributes('conversation', input.attributes);
    }
    if (input.friendlyName !== undefined) conversation.friendlyName = input.friendlyName;
    if (input.uniqueName !== undefined) conversation.uniqueName = input.uniqueName;
    if (input.state !== undefined) conversation.state = input.state;
    conversation.dateUpdated = this.now();
    this.emit({ type: 'conversationUpdated', conversation });
    return conversation;
  }

  deleteConversation(conversation: ConversationRecord): void {
    for (const message of this.listMessages(conversation.sid)) this.messages.delete(message.sid);
    for (const participant of this.listParticipants(conversation.sid)) this.participants.delete(participant.sid);
    this.conversations.delete(conversation.sid);
    this.emit({ type: 'conversationRemoved', conversation });
  }

  private checkUniqueNameFree(uniqueName: string): void {
    checkConversationUniqueName(uniqueName);
    if (this.findConversation(uniqueName)) {
      throw new TwilioError(409, ConversationsErrorCode.conversationUniqueNameTaken, `Conversation with unique name ${uniqueName} already exists`);
    }
  }

  private checkOpen(conversation: ConversationRecord): void {
    if (conversation.state === 'closed') {
      throw new TwilioError(400, ConversationsErrorCode.conversationClosed, `Conversation ${conversation.sid} is closed`);
    }
  }

  // Participants ----------------------------------------------------------------------------

  /** Like Twilio, adding a chat participant creates the service User of that identity if missing. */
  addParticipant(conversation: ConversationRecord, input: ParticipantInput): ParticipantRecord {
    this.checkOpen(conversation);
    checkIdentity('participant', input.identity);
    const attributes = checkAttributes('participant', input.attributes ?? '{}');
    if (input.identity !== undefined) {
      if (this.findParticipant(conversation.sid, input.identity)) {
        throw new TwilioError(409, ConversationsErrorCode.participantAlreadyExists, 'Participant already exists');
      }
      if (!this.users.find(input.identity)) this.users.create({ identity: input.identity });
    }
    const participant: ParticipantRecord = {
      sid: newSid('MB'),
      conversationSid: conversation.sid,
      identity: input.identity ?? null,
      attributes,
      lastReadMessageIndex: null,
      lastReadTimestamp: null,
      ...creationDates(input, this.now()),
      seq: ++this.seq,
    };
    this.participants.set(participant.sid, participant);
    this.emit({ type: 'participantAdded', participant });
    return participant;
  }

  /** Twilio accepts a participant's sid or its identity in the URL. */
  findParticipant(conversationSid: string, sidOrIdentity: string): ParticipantRecord | undefined {
    return this.listParticipants(conversationSid).find((p) => p.sid === sidOrIdentity || p.identity === sidOrIdentity);
  }

  listParticipants(conversationSid: string): ParticipantRecord[] {
    return [...this.participants.values()].filter((p) => p.conversationSid === conversationSid);
  }

  updateParticipant(participant: ParticipantRecord, input: ParticipantUpdate): ParticipantRecord {
    if (input.attributes !== undefined) {
      participant.attributes = checkAttributes('participant', input.attributes);
    }
    if (input.lastReadMessageIndex !== undefined) {
      participant.lastReadMessageIndex = input.lastReadMessageIndex;
      participant.lastReadTimestamp = input.lastReadMessageIndex === null ? null : this.now();
    }
    participant.dateUpdated = this.now();
    this.emit({ type: 'participantUpdated', participant });
    return participant;
  }

  removeParticipant(participant: ParticipantRecord): void {
    this.participants.delete(participant.sid);
    this.emit({ type: 'participantRemoved', participant });
  }

  // Messages --------------------------------------------------------------------------------

  addMessage(conversation: ConversationRecord, input: MessageInput): MessageRecord {
    this.checkOpen(conversation);
    const mediaSids = input.mediaSids ?? [];
    if ((input.body === undefined || input.body === '') && mediaSids.length === 0) {
      throw invalidParameter('Either Body or MediaSid must be specified');
    }
    checkBody(input.body);
    for (const sid of mediaSids) {
      if (!this.media.find(sid)) throw invalidParameter(`Media ${sid} not found`);
    }
    const attributes = checkAttributes('message', input.attributes ?? '{}');
    const author = input.author ?? 'system';
    const message: MessageRecord = {
      sid: newSid('IM'),
      conversationSid: conversation.sid,
      index: conversation.nextMessageIndex++,
      author,
      body: input.body ?? null,
      attributes,
      mediaSids,
      participantSid: this.findParticipantByIdentity(conversation.sid, author)?.sid ?? null,
      webhookEnabled: input.webhookEnabled,
      dateCreated: this.now(),
      dateUpdated: null,
    };
    this.messages.set(message.sid, message);
    this.emit({ type: 'messageAdded', message });
    return message;
  }

  findMessage(conversationSid: string, sid: string): MessageRecord | undefined {
    const message = this.messages.get(sid);
    return message?.conversationSid === conversationSid ? message : undefined;
  }

  /** Oldest first. */
  listMessages(conversationSid: string): MessageRecord[] {
    return [...this.messages.values()]
      .filter((m) => m.conversationSid === conversationSid)
      .sort((a, b) => a.index - b.index);
  }

  updateMessage(message: MessageRecord, input: MessageUpdate): MessageRecord {
    checkBody(input.body);
    if (input.attributes !== undefined) {
      message.attributes = checkAttributes('message', input.attributes);
    }
    if (input.author !== undefined) message.author = input.author;
    if (input.body !== undefined) message.body = input.body;
    message.dateUpdated = this.now();
    this.emit({ type: 'messageUpdated', message });
    return message;
  }

  removeMessage(message: MessageRecord): void {
    this.messages.delete(message.sid);
    this.emit({ type: 'messageRemoved', message });
  }

  private findParticipantByIdentity(conversationSid: string, identity: string): ParticipantRecord | undefined {
    return this.listParticipants(conversationSid).find((p) => p.identity === identity);
  }
}
