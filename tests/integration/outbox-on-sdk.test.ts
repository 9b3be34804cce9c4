/**
 * The widget's outbox on the real @twilio/conversations SDK against the emulator: Twilio stores a
 * message but the socket drops before its answer reaches the SDK, so the send fails with an unknown
 * outcome; when the connection is back, the outbox finds the message and does not post it again.
 */
import { beforeAll, expect, it } from '@jest/globals';
import { Outbox } from '../../widget-src/app/outbox/outbox';
import type { ChatTransportEvents } from '../../widget-src/transport/chat-transport';
import { ConversationsTransport } from '../../widget-src/transport/conversations-transport';
import { createSdkClient } from '../../widget-src/transport/sdk-types';
import { twilsockUrl } from '../../scripts/emulator/realtime/twilsock-server';
import { EmulatorControl } from '../support/emulator-control';
import { accessToken, useEmulator } from '../support/twilio-at-emulator';

const VISITOR = 'visitor-identity';
const emulator = useEmulator();
let control: EmulatorControl;

beforeAll(() => {
  control = new EmulatorControl(emulator.url);
});

function nextState(transport: ConversationsTransport, accept: (state: ChatTransportEvents['connectionState']) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const off = transport.on('connectionState', (state) => {
      if (!accept(state)) return;
      off();
      resolve();
    });
  });
}

it('posts a message once when the socket drops between Twilio storing it and the SDK hearing so', async () => {
  const rest = emulator.client.conversations.v1;
  const { sid } = await rest.conversations.create({ friendlyName: 'Chat with Ada' });
  await rest.conversations(sid).participants.create({ identity: VISITOR });
  const session = { token: accessToken(VISITOR), conversationSid: sid, identity: VISITOR, expiration: new Date(Date.now() + 3_600_000).toISOString(), transport: { websocketUri: twilsockUrl(emulator.url) } };
  const transport = new ConversationsTransport(session, createSdkClient, { connectMs: 10_000, operationMs: 1_500, mediaMs: 1_500, shutdownMs: 1_000 });
  try {
    await transport.connect();
    const outbox = new Outbox({ storage: { load: () => null, save: () => undefined, claim: () => undefined }, chat: VISITOR });
    const emptied = new Promise<void>((resolve) => outbox.subscribe(() => outbox.pending.length === 0 && resolve()));
    outbox.setLink(transport);
    // Every frame the emulator sends is held back: Twilio's answer to the send never reaches the SDK.
    await control.realtimeFault({ frameDelayMs: 60_000 });
    outbox.send('Sent as the line went down');
    // Asked again until Twilio has it (each answer is a round trip: no timer involved).
    while (!(await control.conversation(sid)).messages.some((m) => m.body === 'Sent as the line went down'));
    const down = nextState(transport, (state) => state !== 'connected');
    await control.clearRealtimeFaults();
    await control.dropSockets();
    await down;
    outbox.setLink(null);
    await nextState(transport, (state) => state === 'connected');
    outbox.setLink(transport);
    await emptied;
    const bodies = (await rest.conversations(sid).messages.list()).map((m) => m.body);
    expect(bodies).toStrictEqual(['Sent as the line went down']);
  } finally {
    await transport.disconnect();
  }
}, 60_000);
