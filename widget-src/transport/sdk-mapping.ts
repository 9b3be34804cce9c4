/**
 * Mappings from the SDK's objects and states to the transport's wire types, and the one bound put
 * on every wait for the SDK.
 */
import type { Client } from '@twilio/conversations';
import type { ChatMessage, ConnectionState, ConversationState, MessagePage } from './chat-transport';
import type { SdkConversation, SdkMedia, SdkMessage, SdkPaginator } from './sdk-types';
import { TransportError } from './transport-error';

/** Attributes as an object; Twilio allows any JSON there, but only objects carry fields. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** What the visitor should be told of an SDK connection state; null when nothing. */
export function mapConnectionState(state: Client['connectionState']): ConnectionState | null {
  switch (state) {
    case 'connected':
    case 'connecting':
    case 'denied':
    case 'disconnected':
      return state;
    // The SDK passes through 'disconnecting' when Twilio ends the socket (token expired, moved
    // elsewhere) and comes back; our own shutdown removes the listeners first.
    case 'retrying':
    case 'disconnecting':
      return 'reconnecting';
    case 'error':
      return 'disconnected';
    default:
      // 'unknown' (before the first connection) and states newer SDKs may add: nothing to show.
      return null;
  }
}

export function conversationState(conversation: Pick<SdkConversation, 'state'>): ConversationState {
  return conversation.state?.current ?? 'active';
}

/** Settles with `operation`, or rejects with a TransportError once `ms` have passed. */
export function within<T>(operation: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError('timeout', `Timed out: ${what}`)), ms);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

/** Maps messages and remembers their media, whose download URLs only the SDK objects can give. */
export class MessageMapper {
  private readonly mediaBySid = new Map<string, SdkMedia>();

  toMessage(message: SdkMessage): ChatMessage {
    const media = message.attachedMedia ?? [];
    for (const item of media) this.mediaBySid.set(item.sid, item);
    return {
      sid: message.sid,
      index: message.index,
      author: message.author ?? '',
      body: message.body ?? '',
      dateCreated: message.dateCreated ?? new Date(0),
      media: media.map((item) => ({
        sid: item.sid,
        filename: item.filename ?? 'file',
        contentType: item.contentType,
        size: item.size,
      })),
      attributes: record(message.attributes),
    };
  }

  toPage(page: SdkPaginator<SdkMessage>): MessagePage {
    const messages = page.items.map((message) => this.toMessage(message)).sort((a, b) => a.index - b.index);
    return { messages, hasOlder: page.hasPrevPage };
  }

  mediaFor(sid: string): SdkMedia | undefined {
    return this.mediaBySid.get(sid);
  }
}
