/**
 * The emulator's store seen through Sync, the way the Conversations SDK reads Twilio: per
 * conversation a document (`CH….channel`), a messages list (`CH….messages`) and a roster map
 * (`CH….roster`); per identity a map of its conversations and a user-info map. Objects are built
 * from the store when first asked for and then kept current from StoreEvents, so a change made over
 * REST reaches SDK clients as the Sync event Twilio would send. Field names are the SDK's:
 * conversation.js (fieldMappings), participant.js, message.js, user.js, data/conversations.js.
 */
import type { ConversationsStore } from '../store/conversations-store';
import type { ConversationRecord, MessageRecord, ParticipantRecord, StoreEvent, UserRecord } from '../store/conversation-records';
import { type AnySyncObject, type JsonObject, type SyncEvent, type SyncList, type SyncMap, SyncDocument, SyncObjects } from './sync-objects';

const MY_CONVERSATIONS = 'MyConversations.';
const USER_INFO = 'UserInfo.';
const CONVERSATION_OBJECT = /^(CH[0-9a-fA-F]{32})\.(channel|messages|roster)$/;

export const names = {
  myConversations: (identity: string): string => MY_CONVERSATIONS + identity,
  userInfo: (identity: string): string => USER_INFO + identity,
  document: (conversationSid: string): string => `${conversationSid}.channel`,
  messages: (conversationSid: string): string => `${conversationSid}.messages`,
  roster: (conversationSid: string): string => `${conversationSid}.roster`,
};

interface ConversationObjects {
  document: SyncDocument;
  messages: SyncList;
  roster: SyncMap;
}

/** Who may read an object: participants of its conversation, its owner, or everyone (user info). */
type Scope = { conversationSid: string } | { owner: string } | { everyone: true };

export class Projection {
  private readonly objects: SyncObjects;
  private readonly conversations = new Map<string, ConversationObjects>();
  private readonly mine = new Map<string, SyncMap>();
  private readonly userInfos = new Map<string, SyncMap>();
  private readonly scopes = new Map<string, Scope>();
  /** When each conversation entered its current state (the SDK compares `state` objects). */
  private readonly stateSince = new Map<string, { state: string; since: Date }>();

  constructor(
    private readonly store: ConversationsStore,
    onEvent: (object: AnySyncObject, event: SyncEvent) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.objects = new SyncObjects(onEvent);
  }

  reset(): void {
    this.objects.clear();
    this.conversations.clear();
    this.mine.clear();
    this.userInfos.clear();
    this.scopes.clear();
    this.stateSince.clear();
  }

  /** The object with this sid or unique name, built from the store if it exists there. */
  resolve(sidOrName: string): AnySyncObject | undefined {
    const known = this.objects.find(sidOrName);
    if (known) return known;
    if (sidOrName.startsWith(MY_CONVERSATIONS)) return this.myConversations(sidOrName.slice(MY_CONVERSATIONS.length));
    if (sidOrName.startsWith(USER_INFO)) return this.userInfo(sidOrName.slice(USER_INFO.length));
    const match = CONVERSATION_OBJECT.exec(sidOrName);
    const objects = match?.[1] ? this.conversationObjects(match[1]) : undefined;
    if (!objects || !match) return undefined;
    return match[2] === 'channel' ? objects.document : match[2] === 'messages' ? objects.messages : objects.roster;
  }

  canRead(identity: string, object: AnySyncObject): boolean {
    const scope = this.scopes.get(object.sid);
    if (!scope) return false;
    if ('everyone' in scope) return true;
    if ('owner' in scope) return scope.owner === identity;
    return this.store.findParticipant(scope.conversationSid, identity) !== undefined;
  }

  myConversations(identity: string): SyncMap {
    let map = this.mine.get(identity);
    if (!map) {
      const now = this.now();
      const created = this.objects.map(names.myConversations(identity), now);
      for (const conversation of this.store.listConversations()) {
        const participant = this.store.findParticipant(conversation.sid, identity);
        if (participant?.identity === identity) created.put(conversation.sid, this.mineData(participant), now);
      }
      this.scopes.set(created.sid, { owner: identity });
      this.mine.set(identity, created);
      map = created;
    }
    return map;
  }

  /** Undefined when the store has no such user. */
  userInfo(identity: string): SyncMap | undefined {
    const user = this.store.users.find(identity);
    if (!user || user.identity !== identity) return undefined;
    let map = this.userInfos.get(identity);
    if (!map) {
      map = this.objects.map(names.userInfo(identity), this.now());
      this.putUserItems(map, user);
      this.scopes.set(map.sid, { everyone: true });
      this.userInfos.set(identity, map);
    }
    return map;
  }

  conversationObjects(conversationSid: string): ConversationObjects | undefined {
    const existing = this.conversations.get(conversationSid);
    if (existing) return existing;
    const conversation = this.store.findConversation(conversationSid);
    if (!conversation || conversation.sid !== conversationSid) return undefined;
    const now = this.now();
    const objects: ConversationObjects = {
      document: this.objects.document(names.document(conversation.sid), this.documentData(conversation), now),
      messages: this.objects.list(names.messages(conversation.sid), now),
      roster: this.objects.map(names.roster(conversation.sid), now),
    };
    for (const message of this.store.listMessages(conversation.sid)) objects.messages.put(message.index, this.messageData(message), now);
    for (const participant of this.store.listParticipants(conversation.sid)) {
      objects.roster.put(participant.sid, this.participantData(participant), now);
    }
    for (const object of [objects.document, objects.messages, objects.roster]) this.scopes.set(object.sid, { conversationSid: conversation.sid });
    this.conversations.set(conversation.sid, objects);
    return objects;
  }

  /** Keeps built objects current; objects not built yet will read the store when first asked for. */
  apply(event: StoreEvent): void {
    const now = this.now();
    switch (event.type) {
      case 'conversationUpdated':
        this.conversations.get(event.conversation.sid)?.document.set(this.documentData(event.conversation), now);
        break;
      case 'conversationRemoved':
        this.removeConversation(event.conversation.sid, now);
        break;
      case 'participantAdded':
      case 'participantUpdated':
        this.conversations.get(event.participant.conversationSid)?.roster.put(event.participant.sid, this.participantData(event.participant), now);
        if (event.participant.identity !== null) {
          this.mine.get(event.participant.identity)?.put(event.participant.conversationSid, this.mineData(event.participant), now);
        }
        break;
      case 'participantRemoved':
        this.conversations.get(event.participant.conversationSid)?.roster.delete(event.participant.sid, now);
        if (event.participant.identity !== null) this.mine.get(event.participant.identity)?.delete(event.participant.conversationSid, now);
        break;
      case 'messageAdded':
      case 'messageUpdated':
      case 'messageRemoved':
        this.applyMessage(event.type, event.message, now);
        break;
      case 'userUpdated': {
        const map = this.userInfos.get(event.user.identity);
        if (map) this.putUserItems(map, event.user);
        break;
      }
    }
  }

  private applyMessage(type: 'messageAdded' | 'messageUpdated' | 'messageRemoved', message: MessageRecord, now: Date): void {
    const objects = this.conversations.get(message.conversationSid);
    const conversation = this.store.findConversation(message.conversationSid);
    if (!objects || !conversation) return;
    if (type === 'messageRemoved') objects.messages.delete(message.index, now);
    else objects.messages.put(message.index, this.messageData(message), now);
    objects.document.set(this.documentData(conversation), now);
  }

  private removeConversation(conversationSid: string, now: Date): void {
    for (const map of this.mine.values()) map.delete(conversationSid, now);
    const objects = this.conversations.get(conversationSid);
    if (!objects) return;
    for (const object of [objects.messages, objects.roster, objects.document]) this.objects.remove(object, now);
    this.conversations.delete(conversationSid);
    this.stateSince.delete(conversationSid);
  }

  private putUserItems(map: SyncMap, user: UserRecord): void {
    const now = this.now();
    map.put('friendlyName', { value: user.friendlyName }, now);
    map.put('attributes', { value: user.attributes }, now);
  }

  /** The conversation document (conversation.js `_update` reads these keys). */
  documentData(conversation: ConversationRecord): JsonObject {
    const messages = this.store.listMessages(conversation.sid);
    const last = messages[messages.length - 1];
    return {
      sid: conversation.sid,
      friendlyName: conversation.friendlyName,
      uniqueName: conversation.uniqueName,
      attributes: conversation.attributes,
      createdBy: 'system',
      dateCreated: conversation.dateCreated.toISOString(),
      dateUpdated: conversation.dateUpdated.toISOString(),
      lastMessage: last ? { index: last.index, timestamp: last.dateCreated.toISOString() } : {},
      state: { current: conversation.state, dateUpdated: this.stateDate(conversation).toISOString() },
      messages: names.messages(conversation.sid),
      roster: names.roster(conversation.sid),
    };
  }

  private stateDate(conversation: ConversationRecord): Date {
    const known = this.stateSince.get(conversation.sid);
    if (known?.state === conversation.state) return known.since;
    const since = known ? conversation.dateUpdated : conversation.dateCreated;
    this.stateSince.set(conversation.sid, { state: conversation.state, since });
    return since;
  }

  /** A messages list item (message.js constructor). */
  messageData(message: MessageRecord): JsonObject {
    const medias = message.mediaSids.flatMap((sid) => {
      const media = this.store.media.find(sid);
      return media ? [{ sid: media.sid, category: 'media', filename: media.filename, contentType: media.contentType, size: media.size }] : [];
    });
    return {
      sid: message.sid,
      author: message.author,
      text: message.body,
      attributes: message.attributes,
      timestamp: message.dateCreated.toISOString(),
      dateUpdated: (message.dateUpdated ?? message.dateCreated).toISOString(),
      lastUpdatedBy: null,
      type: medias.length > 0 ? 'media' : 'text',
      memberSid: message.participantSid,
      ...(medias.length > 0 ? { media: medias[0], medias } : {}),
    };
  }

  /** A roster item (participant.js constructor and `_update`). */
  participantData(participant: ParticipantRecord): JsonObject {
    return {
      identity: participant.identity,
      attributes: participant.attributes,
      dateCreated: participant.dateCreated.toISOString(),
      dateUpdated: participant.dateUpdated.toISOString(),
      roleSid: '',
      lastConsumedMessageIndex: participant.lastReadMessageIndex,
      lastConsumptionTimestamp: participant.lastReadTimestamp?.toISOString() ?? null,
      // The store only knows chat participants by identity; identity-less ones are messaging bindings.
      type: participant.identity === null ? 'sms' : 'chat',
      ...(participant.identity === null ? {} : { userInfo: names.userInfo(participant.identity) }),
    };
  }

  /** An item of an identity's conversations map (data/conversations.js `_upsertConversation`). */
  mineData(participant: ParticipantRecord): JsonObject {
    return {
      status: 'joined',
      channel: names.document(participant.conversationSid),
      messages: names.messages(participant.conversationSid),
      roster: names.roster(participant.conversationSid),
      lastConsumedMessageIndex: participant.lastReadMessageIndex,
      notificationLevel: 'default',
    };
  }
}
