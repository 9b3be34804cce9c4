/**
 * The local Twilio API emulator: one stateful HTTP server on 127.0.0.1, all parts on one state.
 * See README.md in this folder for the tour; in short:
 *
 *   store/      the state of the account (Conversations, Sync, Serverless, Flex): pure, no HTTP
 *   rest/       Twilio's REST API over it, as twilio-node calls it (twilio-api.ts routes resources/)
 *   realtime/   what the Conversations SDK talks to: twilsock v3 on the WebSocket at
 *               `/v3/wsconnect` (a Sync projection of the store) and media over HTTP
 *   controls/   the `/__emulator/` control API for tests and the desk, faults, the request log,
 *               and a captcha provider stand-in
 *   rest/sendgrid-mail-send.ts   SendGrid's Mail Send API, into the outbox (store/outbox.ts)
 *   desk/       the agent desk page (built by `npm run build`) and its loopback API
 *
 * Realtime shapes were read from the SDK's own code, not from documentation: after upgrading
 * @twilio/conversations, run `npx jest tests/integration/conversations-sdk-compat`; a failure
 * there means the SDK now expects something this emulator does not do yet.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCaptchaHandler } from './controls/captcha-stand-in';
import { createControlHandler } from './controls/control-api';
import { Faults } from './controls/faults';
import { RequestLog } from './controls/request-log';
import { DESK_BUILD_DIR } from './desk/desk-page';
import { createDeskHandler } from './desk/desk-server';
import { sendJson } from './http-io';
import { hasLoopbackHost, loopbackHosts, misdirectedBody } from './loopback-host';
import type { TokenAuthority } from './realtime/access-token';
import { createMediaHandler } from './realtime/media-api';
import { MediaUrlSigner } from './realtime/media-urls';
import { TwilsockServer } from './realtime/twilsock-server';
import { createSendGridHandler } from './rest/sendgrid-mail-send';
import { createTwilioApiHandler } from './rest/twilio-api';
import { ConversationsStore } from './store/conversations-store';
import { FlexAccount } from './store/flex-account';
import { FlexInteractions } from './store/flex-interactions';
import { Outbox } from './store/outbox';
import { ServerlessStore } from './store/serverless-store';
import { newSid } from './store/sids';
import { SyncStore } from './store/sync-store';

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
  /** The built agent desk page; default dist/desk, which `npm run build` writes. */
  deskPageDir?: string;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:3001 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const store = new ConversationsStore(options.now);
  const sync = new SyncStore(options.syncServiceSid ?? newSid('IS'), options.now);
  const account = new FlexAccount({
    conversationsServiceSid: options.conversationsServiceSid,
    addressSid: options.addressSid,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
  });
  const interactions = new FlexInteractions(store, account, options.now);
  const serverless = new ServerlessStore();
  const outbox = new Outbox(options.now);
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
    accountState: [account, interactions, serverless, sync, outbox],
    outbox,
    serverless,
    faults,
    log,
    twilsock,
    resetRealtime: () => twilsock.reset(),
  });
  const handleMedia = createMediaHandler({ store, authority, signer, publicUrl: () => publicUrl });
  const handleCaptcha = createCaptchaHandler();
  const handleSendGrid = createSendGridHandler(outbox);
  const handleDesk = createDeskHandler({ store, interactions, outbox, authority, publicUrl: () => publicUrl, pageDir: options.deskPageDir ?? DESK_BUILD_DIR });
  const handleTwilioApi = createTwilioApiHandler({
    context: { store, accountSid: options.accountSid, serviceSid: options.conversationsServiceSid, account, interactions, serverless },
    sync,
    credentials: options,
    faults,
    log,
  });

  let allowedHosts: ReadonlySet<string> = new Set();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hasLoopbackHost(request, allowedHosts)) {
      const body = misdirectedBody(allowedHosts);
      response.writeHead(421, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://emulator.invalid');
    } catch {
      sendJson(response, 400, { error: 'malformed request target' });
      return;
    }
    if (url.pathname.startsWith('/__emulator/')) await handleControl(request, response, url);
    else if (await handleCaptcha(request, response, url)) return;
    else if (await handleSendGrid(request, response, url)) return;
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
    if (!hasLoopbackHost(request, allowedHosts)) {
      const body = misdirectedBody(allowedHosts);
      socket.end(`HTTP/1.1 421 Misdirected Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    if (!twilsock.handleUpgrade(request, socket, head)) socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      allowedHosts = loopbackHosts(host, port);
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
