import type { TransportDescriptor } from '../../widget-src/transport/chat-transport';
import type { WebchatConfig } from './config';

/**
 * Tells the widget how to carry the chat: the Conversations SDK in production, the emulator's
 * realtime endpoint when the backend itself talks to the emulator. The widget has no mode switch.
 */
export function transportFor(config: Pick<WebchatConfig, 'apiBaseUrl'>): TransportDescriptor {
  return config.apiBaseUrl === null ? { kind: 'conversations' } : { kind: 'emulator', url: config.apiBaseUrl };
}
