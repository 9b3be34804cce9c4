/**
 * Test support for driving the real @twilio/conversations SDK under Node against the emulator's
 * twilsock endpoint. The SDK's twilsock opens the global WebSocket, which Node 20 lacks, so the
 * `ws` package stands in for it (the browser's own WebSocket is used in browser tests).
 */
import type { EventEmitter } from 'node:events';
import { Client } from '@twilio/conversations';
import { WebSocket } from 'ws';
import { twilsockUrl } from '../../scripts/emulator/realtime/twilsock-server';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export function newClient(emulatorUrl: string, token: string): Client {
  return new Client(token, { Twilsock: { uri: twilsockUrl(emulatorUrl) } });
}

/**
 * A client that finished initialising and fetching its conversations; rejects with the SDK's error
 * when it could not. (A client shut down while that fetch is in flight gets an unhandled rejection
 * from inside the SDK, client.ts `_conversationsPromise`.)
 */
export async function connect(emulatorUrl: string, token: string): Promise<Client> {
  const client = newClient(emulatorUrl, token);
  await new Promise<void>((resolve, reject) => {
    client.once('initialized', () => resolve());
    client.once('initFailed', ({ error }) => reject(new Error(error?.message ?? 'init failed')));
  });
  await client.getSubscribedConversations();
  return client;
}

/**
 * The first arguments of `event` for which `accept` holds (the first event when absent). The SDK's
 * objects are Node EventEmitters whose typings list their events; this takes any of them.
 */
export function nextEvent<A extends unknown[]>(target: object, event: string, accept: (...args: A) => boolean = () => true): Promise<A> {
  const emitter = target as EventEmitter;
  return new Promise((resolve) => {
    const listener = (...args: A): void => {
      if (!accept(...args)) return;
      emitter.off(event, listener);
      resolve(args);
    };
    emitter.on(event, listener);
  });
}
