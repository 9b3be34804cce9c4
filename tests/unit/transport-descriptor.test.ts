import { describe, expect, it } from '@jest/globals';
import { transportFor } from '../../functions/lib/transport';
import { isTransportDescriptor } from '../../contract/api';

describe('where the widget’s Conversations SDK connects', () => {
  it('is left to the SDK (Twilio) in production', () => {
    expect(transportFor({ apiBaseUrl: null })).toStrictEqual({});
  });

  it('is the emulator’s WebSocket when the backend runs against the emulator', () => {
    expect(transportFor({ apiBaseUrl: 'http://127.0.0.1:3001' })).toStrictEqual({ websocketUri: 'ws://127.0.0.1:3001/v3/wsconnect' });
    expect(transportFor({ apiBaseUrl: 'https://emulator.example:8443' })).toStrictEqual({ websocketUri: 'wss://emulator.example:8443/v3/wsconnect' });
  });

  it('accepts only WebSocket URIs from the network or storage', () => {
    expect(isTransportDescriptor({})).toBe(true);
    expect(isTransportDescriptor({ websocketUri: 'wss://tsock.example/v3/wsconnect' })).toBe(true);
    for (const bad of [null, 'ws://x', { websocketUri: 'javascript:alert(1)' }, { websocketUri: 'https://x/' }, { websocketUri: 42 }, { websocketUri: 'ws://a b' }]) {
      expect(isTransportDescriptor(bad)).toBe(false);
    }
  });
});
