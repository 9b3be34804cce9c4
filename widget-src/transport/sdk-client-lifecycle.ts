/**
 * The SDK client's start and its token, as the SDK behaves (scripts/emulator/realtime/sdk-protocol.md):
 * `initFailed` is reported while it keeps retrying, and a token handed over while a socket that
 * Twilio ended is still closing is never used. Also the bounds the transport puts on every wait.
 */
import type { Client } from '@twilio/conversations';
import { listenTo, type SdkClient, type SdkClientEvents } from './sdk-types';
import { TransportError } from './transport-error';

/** How long the visitor may wait on the SDK, in milliseconds. */
export interface TransportLimits {
  /** Connecting and loading the conversation; the SDK itself would retry for ever. */
  connectMs: number;
  /** Sending a text message or renewing the token, before being told it failed. */
  operationMs: number;
  /** Files take longer to upload than text; still, never an open-ended wait. */
  mediaMs: number;
  /** The SDK's shutdown waits for initialisation; a visitor starting a new chat must not. */
  shutdownMs: number;
}

export const DEFAULT_LIMITS: TransportLimits = { connectMs: 30_000, operationMs: 10_000, mediaMs: 60_000, shutdownMs: 2_000 };

/**
 * `ready` resolves on `initialized` (and calls `onInitialized` first). Only a refused token
 * ('denied') or a terminal connection error before that rejects it; `unlisten` removes the listeners.
 */
export function untilInitialized(client: SdkClient, onInitialized: () => void): { ready: Promise<void>; unlisten: Array<() => void> } {
  let initialized = false;
  let unlisten: Array<() => void> = [];
  const ready = new Promise<void>((resolve, reject) => {
    unlisten = listenTo<SdkClientEvents>(client, {
      initialized: () => {
        initialized = true;
        onInitialized();
        resolve();
      },
      connectionStateChanged: (state) => {
        if (state === 'denied' && !initialized) reject(new TransportError('denied', 'The chat token was refused.'));
      },
      connectionError: (error) => {
        if (error.terminal && !initialized) reject(new TransportError('init-failed', `The chat could not connect: ${error.message}`));
      },
    });
  });
  return { ready, unlisten };
}

/**
 * When Twilio ends the socket because the token expired, the SDK reports `disconnecting` until
 * that socket has closed, and a token handed over meanwhile is never used: wait it out first.
 */
export async function renewToken(client: SdkClient, token: string): Promise<void> {
  if (client.connectionState === 'disconnecting') {
    await new Promise<void>((resolve) => {
      const settled = (state: Client['connectionState']): void => {
        if (state === 'disconnecting') return;
        client.removeListener('connectionStateChanged', settled);
        resolve();
      };
      client.on('connectionStateChanged', settled);
    });
  }
  await client.updateToken(token);
}
