/**
 * Compatibility of the emulator's twilsock endpoint with the real @twilio/conversations SDK: the
 * connection (token warnings, expiry and refusals, reconnects after injected faults, shutdown),
 * asserted through the SDK's public API only. See conversations-sdk-compat-conversation.test.ts
 * for what a failure after an SDK upgrade means.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Message } from '@twilio/conversations';
import { connect, newClient, nextEvent } from '../support/conversations-sdk';
import { EmulatorControl } from '../support/emulator-control';
import { AGENT, VISITOR, useSdkCompatWorld } from '../support/sdk-compat-world';
import { accessToken } from '../support/twilio-at-emulator';

const { emulator, track, client, createChat, open } = useSdkCompatWorld();
let control: EmulatorControl;

beforeAll(() => {
  control = new EmulatorControl(emulator.url);
});

describe('tokens', () => {
  it('warns before the token expires and accepts a new one', async () => {
    await createChat();
    // Tokens closer to expiry than the warning window are warned about right after start-up.
    const visitor = track(newClient(emulator.url, accessToken(VISITOR, { ttl: 60 })));
    await nextEvent(visitor, 'tokenAboutToExpire');
    await nextEvent(visitor, 'initialized');
    await visitor.getSubscribedConversations();
    await visitor.updateToken(accessToken(VISITOR, { ttl: 3600 }));
    expect(visitor.connectionState).toBe('connected');
  });

  it('fires tokenExpired when the token runs out', async () => {
    const visitor = track(newClient(emulator.url, accessToken(VISITOR, { ttl: 2 })));
    await nextEvent(visitor, 'tokenExpired');
  });

  it('refuses a token with a bad signature, an expired token and one for another service', async () => {
    const badSignature = track(newClient(emulator.url, accessToken(VISITOR, { apiSecret: 'not-the-secret-but-long-enough' })));
    const [error] = await nextEvent<[{ terminal: boolean; httpStatusCode?: number }]>(badSignature, 'connectionError');
    expect(error.terminal).toBe(true);
    expect(error.httpStatusCode).toBe(401);

    const expired = track(newClient(emulator.url, accessToken(VISITOR, { ttl: -10 })));
    await nextEvent(expired, 'tokenExpired');

    const otherService = track(newClient(emulator.url, accessToken(VISITOR, { serviceSid: 'IS' + '9'.repeat(32) })));
    await nextEvent(otherService, 'connectionStateChanged', (state) => state === 'denied');
  });
});

describe('faults', () => {
  it('reconnects after the sockets drop and catches up without losing or repeating messages', async () => {
    const sid = await createChat();
    const visitor = await client(VISITOR);
    const conversation = await open(visitor, sid);
    const seen: string[] = [];
    conversation.on('messageAdded', (message: Message) => seen.push(message.body ?? ''));

    const offline = nextEvent(visitor, 'connectionStateChanged', (state) => state === 'connecting');
    await control.dropSockets();
    await offline;
    const online = nextEvent(visitor, 'connectionStateChanged', (state) => state === 'connected');
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'while you were away' });
    await online;
    const last = nextEvent<[Message]>(conversation, 'messageAdded', (message) => message.body === 'after reconnect');
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'after reconnect' });
    await last;
    expect(seen).toEqual(['while you were away', 'after reconnect']);
  });

  it('retries an init the server refuses with a 5xx', async () => {
    await control.realtimeFault({ refuseInit: { status: 503, code: 20503, times: 1 } });
    const visitor = track(newClient(emulator.url, accessToken(VISITOR)));
    const [error] = await nextEvent<[{ terminal: boolean }]>(visitor, 'connectionError');
    expect(error.terminal).toBe(false);
    await nextEvent(visitor, 'initialized');
    // Lets the start-up finish: shutting down in the middle of it rejects inside the SDK.
    await visitor.getSubscribedConversations();
  });

  it('denies a client whose init is refused with 401', async () => {
    await control.realtimeFault({ refuseInit: { status: 401, code: 20101, times: 1 } });
    const visitor = track(newClient(emulator.url, accessToken(VISITOR)));
    await nextEvent(visitor, 'connectionStateChanged', (state) => state === 'denied');
  });

  it('initializes after a delayed init and delivers delayed frames in order', async () => {
    const sid = await createChat();
    await control.realtimeFault({ initDelayMs: 300, frameDelayMs: 50 });
    const conversation = await open(await client(VISITOR), sid);
    const bodies: string[] = [];
    const both = nextEvent<[Message]>(conversation, 'messageAdded', (message) => bodies.push(message.body ?? '') === 2);
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'first' });
    await emulator.client.conversations.v1.conversations(sid).messages.create({ author: AGENT, body: 'second' });
    await both;
    expect(bodies).toEqual(['first', 'second']);
  });

  it('ends every connection with token expired on demand', async () => {
    const visitor = await client(VISITOR);
    const expired = nextEvent(visitor, 'tokenExpired');
    await control.expireTokens();
    await expired;
  });
});

describe('shutdown', () => {
  it('returns promptly and leaves the client disconnected', async () => {
    const visitor = await connect(emulator.url, accessToken(VISITOR));
    const disconnected = nextEvent(visitor, 'connectionStateChanged', (state) => state === 'disconnected');
    await visitor.shutdown();
    await disconnected;
  });
});
