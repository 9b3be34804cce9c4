/**
 * The narrow view of `@twilio/conversations` that ConversationsTransport uses, and the one place that
 * creates a real SDK client. Member types are taken from the SDK's own declarations and
 * `createSdkClient` assigns a real `Client` to `SdkClient`, so an incompatible SDK release fails
 * `tsc` here and in the unit tests' fakes (tests/unit/widget-conversations-transport.test.ts),
 * not in a visitor's browser.
 */
import { Client } from '@twilio/conversations';
import type {
  Conversation,
  ConversationUpdateReason,
  Media,
  Message,
  MessageBuilder,
  MessageUpdateReason,
  Participant,
  ParticipantUpdateReason,
  User,
  UserUpdateReason,
} from '@twilio/conversations';
import type { TransportDescriptor } from '../../contract/api';

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/**
 * One overload per event. Overloads (not one generic signature) let TypeScript check each of our
 * listener types against the SDK's own for that event when a real SDK object is assigned.
 */
type Overloads<Events> = UnionToIntersection<
  { [E in keyof Events]: (event: E, listener: Events[E]) => unknown }[keyof Events]
>;

/** Subscription surface shared by the SDK's emitters, restricted to the events we use. */
export interface SdkEmitter<Events> {
  on: Overloads<Events>;
  removeListener: Overloads<Events>;
}

/** Adds `handlers` to `emitter`; answers the functions that remove them again. */
export function listenTo<Events>(emitter: SdkEmitter<Events>, handlers: Partial<Events>): Array<() => void> {
  // Each handler was type-checked against its event in `handlers`; looping over them needs the
  // overloads seen as one signature, which TypeScript cannot derive for a generic Events.
  type Loose = (event: keyof Events, listener: Events[keyof Events]) => unknown;
  const on = emitter.on as unknown as Loose;
  const off = emitter.removeListener as unknown as Loose;
  return (Object.keys(handlers) as Array<keyof Events>).flatMap((event) => {
    const handler = handlers[event];
    if (handler === undefined) return [];
    on.call(emitter, event, handler);
    return [() => off.call(emitter, event, handler)];
  });
}

export type SdkMedia = Pick<Media, 'sid' | 'filename' | 'contentType' | 'size'> & {
  getContentTemporaryUrl(): PromiseLike<Awaited<ReturnType<Media['getContentTemporaryUrl']>>>;
};

export type SdkMessage = Pick<Message, 'sid' | 'index' | 'author' | 'body' | 'dateCreated' | 'attributes'> & {
  readonly attachedMedia: SdkMedia[] | null;
};

export type SdkUser = Pick<User, 'identity' | 'friendlyName'>;

export type SdkParticipant = Pick<Participant, 'sid' | 'identity' | 'attributes' | 'lastReadMessageIndex'> & {
  getUser(): Promise<SdkUser>;
};

export interface SdkPaginator<T> {
  items: T[];
  hasPrevPage: boolean;
}

export interface SdkMessageBuilder {
  setBody(text: string): SdkMessageBuilder;
  addMedia(payload: Parameters<MessageBuilder['addMedia']>[0]): SdkMessageBuilder;
  buildAndSend(): PromiseLike<Awaited<ReturnType<MessageBuilder['buildAndSend']>>>;
}

export interface SdkConversationEvents {
  messageAdded: (message: SdkMessage) => void;
  messageUpdated: (data: { message: SdkMessage; updateReasons: MessageUpdateReason[] }) => void;
  messageRemoved: (message: SdkMessage) => void;
  participantJoined: (participant: SdkParticipant) => void;
  participantLeft: (participant: SdkParticipant) => void;
  participantUpdated: (data: { participant: SdkParticipant; updateReasons: ParticipantUpdateReason[] }) => void;
  typingStarted: (participant: SdkParticipant) => void;
  typingEnded: (participant: SdkParticipant) => void;
  updated: (data: { conversation: Pick<Conversation, 'state'>; updateReasons: ConversationUpdateReason[] }) => void;
}

export interface SdkConversation
  extends Pick<Conversation, 'state' | 'attributes' | 'typing' | 'advanceLastReadMessageIndex'>,
    SdkEmitter<SdkConversationEvents> {
  getMessages(pageSize?: number, anchor?: number, direction?: 'backwards' | 'forward'): Promise<SdkPaginator<SdkMessage>>;
  getParticipants(): Promise<SdkParticipant[]>;
  sendMessage(message: string, messageAttributes: Record<string, string>): Promise<number>;
  prepareMessage(): SdkMessageBuilder;
}

/** What the SDK reports when it cannot connect; `terminal: false` means it keeps retrying. */
export interface SdkConnectionError {
  terminal: boolean;
  message: string;
}

export interface SdkClientEvents {
  connectionStateChanged: (state: Client['connectionState']) => void;
  initialized: () => void;
  initFailed: (data: { error?: SdkConnectionError }) => void;
  connectionError: (error: SdkConnectionError) => void;
  tokenAboutToExpire: () => void;
  tokenExpired: () => void;
  conversationLeft: (conversation: Pick<Conversation, 'sid'>) => void;
  conversationRemoved: (conversation: Pick<Conversation, 'sid'>) => void;
  userUpdated: (data: { user: SdkUser; updateReasons: UserUpdateReason[] }) => void;
}

export interface SdkClient extends Pick<Client, 'connectionState' | 'shutdown'>, SdkEmitter<SdkClientEvents> {
  getConversationBySid(conversationSid: string): Promise<SdkConversation>;
  updateToken(token: string): Promise<unknown>;
}

/**
 * The production factory; also the compile-time proof that the real SDK fits the narrow types.
 * `websocketUri` is set only when the backend runs against the local emulator: everything but media
 * travels inside that one socket, and media URLs come from the server's own configuration.
 */
export function createSdkClient(token: string, transport: TransportDescriptor): SdkClient {
  return new Client(token, transport.websocketUri === undefined ? {} : { Twilsock: { uri: transport.websocketUri } });
}
