/**
 * The local Twilio API emulator: one stateful HTTP server on 127.0.0.1 that speaks the Twilio REST
 * shapes the project uses (twilio-api.ts), speaks the Conversations SDK's realtime protocol (below),
 * serves the agent desk (desk.ts), stands in for captcha providers (captcha.ts) and offers test
 * controls (control.ts), all on one store.
 *
 * Realtime for the real Conversations SDK (twilsock/): the same port accepts WebSocket upgrades at
 * `/v3/wsconnect` and speaks twilsock v3, Twilio's private protocol, so
 * `new Client(token, {Twilsock: {uri: 'ws://127.0.0.1:PORT/v3/wsconnect'}})` runs unchanged. Inside the
 * socket the SDK calls the Conversations client API and Sync; the emulator answers from the store
 * through a Sync projection of it (twilsock/projection.ts), so a change made over REST reaches SDK
 * clients as Twilio would deliver it and what the SDK does is visible over REST. Media go over
 * plain HTTP to `/v1/Services/{IS}/Media` (twilsock/media-api.ts). Shapes were read from the SDK's
 * own code, not from documentation: after upgrading @twilio/conversations, run
 * `npx jest tests/integration/conversations-sdk-compat.test.ts`; a failure there means the SDK now
 * expects something this emulator does not do yet.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenAuthority } from './access-token';
import { createCaptchaHandler } from './captcha';
import { createControlHandler } from './control';
import { createDeskHandler } from './desk';
import { Faults } from './faults';
import { sendJson } from './http-io';
import { MediaUrlSigner } from './media-urls';
import { RequestLog } from './request-log';
import { FlexAccount } from './flex-account';
import { ServerlessStore } from './serverless-store';
import { EmulatorStore } from './store';
import { SyncStore } from './sync-store';
import { newSid } from './sids';
import { createTwilioApiHandler } from './twilio-api';
import { createMediaHandler } from './twilsock/media-api';
import { TwilsockServer } from './twilsock/twilsock-server';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = a free port. */
  port?: number;
  accountSid: string;
  authToken: string;
  apiKey: string;
  apiSecret: string;
  conversationsServiceSid: string;
  addressSid: string;
  /** Sid of the account's default Sync service (also reachable as `default`); a new one when absent. */
  syncServiceSid?: string;
  /** The clock every stored date and Sync expiry is read from; tests pass one they move. */
  now?: () => Date;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:3001 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store = new EmulatorStore(options.now);
  const sync = new SyncStore(options.syncServiceSid ?? newSid('IS'), options.now);
  const account = new FlexAccount({
    conversationsServiceSid: options.conversationsServiceSid,
    addressSid: options.addressSid,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
  });
  const serverless = new ServerlessStore();
  const faults = new Faults();
  const log = new RequestLog();
  const authority: TokenAuthority = {
    accountSid: options.accountSid,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    serviceSid: options.conversationsServiceSid,
  };
  let publicUrl = '';
  const signer = new MediaUrlSigner();
  const twilsock = new TwilsockServer({ store, authority, publicUrl: () => publicUrl });
  const handleControl = createControlHandler({
    store,
    accountState: [account, serverless, sync],
    serverless,
    faults,
    log,
    twilsock,
    resetRealtime: () => twilsock.reset(),
  });
  const handleMedia = createMediaHandler({ store, authority, signer, publicUrl: () => publicUrl });
  const handleCaptcha = createCaptchaHandler();
  const handleDesk = createDeskHandler({ store, authority, publicUrl: () => publicUrl });
  const handleTwilioApi = createTwilioApiHandler({
    context: { store, accountSid: options.accountSid, serviceSid: options.conversationsServiceSid, account, serverless },
    sync,
    credentials: options,
    faults,
    log,
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://emulator.invalid');
    } catch {
      sendJson(response, 400, { error: 'malformed request target' });
      return;
    }
    if (url.pathname.startsWith('/__emulator/')) await handleControl(request, response, url);
    else if (await handleCaptcha(request, response, url)) return;
    else if (await handleMedia(request, response, url)) return;
    else if (!(await handleDesk(request, response, url))) await handleTwilioApi(request, response, url);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('emulator: request failed', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'internal emulator error' });
      else response.destroy();
    });
  });

  server.on('upgrade', (request, socket, head) => {
    if (!twilsock.handleUpgrade(request, socket, head)) socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      // A wildcard bind is reachable on loopback; URLs handed to browsers must name a real address.
      const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const urlHost = reachable.includes(':') ? `[${reachable}]` : reachable;
      publicUrl = `http://${urlHost}:${port}`;
      resolve({
        url: publicUrl,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            twilsock.close();
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive and streaming connections would otherwise hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
