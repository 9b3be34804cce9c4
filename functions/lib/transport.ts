import type { TransportDescriptor } from '../../contract/api';
import type { FunctionsConfig } from './config';

/**
 * Tells the widget where the Conversations SDK connects: nowhere special in production (Twilio),
 * the emulator's WebSocket when the backend itself talks to the emulator. The widget has no mode
 * switch; this URI is the only difference between local and production.
 */
export function transportFor(config: Pick<FunctionsConfig, 'apiBaseUrl'>): TransportDescriptor {
  if (config.apiBaseUrl === null) return {};
  const websocket = new URL('/v3/wsconnect', config.apiBaseUrl);
  websocket.protocol = websocket.protocol === 'https:' ? 'wss:' : 'ws:';
  return { websocketUri: websocket.href };
}
