/**
 * The local stand-in for Twilio's Functions Gateway, in front of twilio-run on the public port.
 * twilio-run parses bodies and builds `event` with no guard of its own: a parameter named `request`
 * replaces the headers, and broken JSON, a foreign charset, too many parameters, a body over its limit
 * or JSON nested thousands deep get HTML pages with stack traces and local paths. The gateway refuses
 * those with the Functions' JSON error shape before twilio-run sees them, enforces what Twilio
 * documents (GET, POST and OPTIONS only; no body on GET; JSON or form bodies: see
 * https://www.twilio.com/docs/serverless/functions-assets/functions/request-flow), lets our
 * POST-only Functions answer 405 for anything else, and streams Assets through untouched.
 */
import { Agent, createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { pipeline, type Duplex } from 'node:stream';
import { functionPaths } from './function-paths';
import { checkFunctionRequestBody, checkFunctionRequestHead } from './function-request';
import { errorBody, GatewayRefusal, sendRefusal } from './gateway-error';
import { isErrorJson, replacementAnswer, showsInternals } from './leak-guard';
import { MAX_BODY_BYTES } from './limits';
import { answerLocalPage } from './local-pages';
import { hasBody, readBodyWithin } from './read-body';
import { DEFAULT_HOLD_MS, RuntimeReadiness } from './runtime-readiness';
import { answerHeaders, endToEndHeaders, readAll, requestUpstream, type Upstream } from './upstream';

export interface LocalGatewayOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where twilio-run listens on 127.0.0.1. */
  upstreamPort: number;
  /** The built functions folder twilio-run serves (dist/functions). */
  functionsDir: string;
  /** A path no answer may contain (the project's root). */
  localRoot: string;
  /** Where what a caller must not see goes instead: the output of npm start. */
  log: (message: string) => void;
  /** The emulator's agent desk, where the demo page's desk link leads. */
  deskUrl?: string;
  /** How long a request waits for twilio-run to be ready before a 503 (runtime-readiness.ts). */
  holdMs?: number;
}

export interface LocalGateway {
  port: number;
  /** twilio-run answers: requests held until now go on. */
  runtimeReady(): void;
  close(): Promise<void>;
}

// How long a connection the gateway has answered and closed may sit idle before it is dropped.
const DRAIN_IDLE_MS = 10_000;

const answeredSockets = new WeakSet<Duplex>();

// Twilio's three verbs (request-flow), plus HEAD, which every GET resource answers.
const PASS_THROUGH_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

interface Gateway extends Omit<LocalGatewayOptions, 'port' | 'upstreamPort' | 'functionsDir'> {
  upstream: Upstream;
  functions: ReadonlySet<string>;
}

/** Both spellings count: the raw path twilio-run routes on and the normalised one a URL parser sees. */
function isFunctionPath(url: string, functions: ReadonlySet<string>): boolean {
  const raw = url.split(/[?#]/)[0] ?? '';
  let normalised = raw;
  try {
    normalised = new URL(url, 'http://gateway.invalid').pathname;
  } catch {
    // Not a URL at all: only the raw path is compared.
  }
  return functions.has(raw) || functions.has(normalised);
}

/** Sends twilio-run's buffered answer on, or the Functions' error shape in place of one that must not be seen. */
function relay(gateway: Gateway, request: IncomingMessage, response: ServerResponse, answer: IncomingMessage, body: Buffer, presentable: boolean): void {
  const status = answer.statusCode ?? 502;
  if (presentable) {
    // The upstream body unchanged, so its own Content-Length still holds.
    response.writeHead(status, answerHeaders(answer));
    response.end(body);
    return;
  }
  const text = body.toString('utf8');
  // An unknown path is the caller's mistake and says nothing of ours: not worth a line in the output.
  if (status !== 404 || showsInternals(text, gateway.localRoot)) {
    gateway.log(`gateway: replaced twilio-run's ${status} answer to ${request.method ?? ''} ${request.url ?? ''}:\n${text}`);
  }
  const replacement = replacementAnswer(status);
  response.writeHead(replacement.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(replacement.body);
}

async function answerFunction(gateway: Gateway, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? '';
  const url = request.url ?? '/';
  checkFunctionRequestHead(method, url, request.headers, hasBody(request));
  const sent = await readBodyWithin(request, MAX_BODY_BYTES);
  if (sent === undefined) throw new GatewayRefusal(413, 'BODY_TOO_LARGE', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  checkFunctionRequestBody(request.headers['content-type'], sent);

  const answer = await requestUpstream(gateway.upstream, method, url, endToEndHeaders(request.rawHeaders), sent);
  const body = await readAll(answer);
  const text = body.toString('utf8');
  const status = answer.statusCode ?? 502;
  relay(gateway, request, response, answer, body, !showsInternals(text, gateway.localRoot) && (status < 400 || isErrorJson(text)));
}

/** Assets, preflights and unknown paths: no body goes on (none of them reads one), answers stream back, failures as JSON. */
async function passThrough(gateway: Gateway, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? '';
  if (method === 'GET' && hasBody(request)) throw new GatewayRefusal(403, 'BODY_NOT_ALLOWED', 'A GET request must not carry a body.');
  if (!PASS_THROUGH_METHODS.has(method)) {
    throw new GatewayRefusal(405, 'METHOD_NOT_ALLOWED', `${method} is not supported.`, { Allow: 'GET, POST, OPTIONS' });
  }
  const answer = await requestUpstream(gateway.upstream, method, request.url ?? '/', endToEndHeaders(request.rawHeaders));
  const status = answer.statusCode ?? 502;
  if (status < 400) {
    response.writeHead(status, answerHeaders(answer));
    pipeline(answer, response, () => {
      // A caller who hung up or twilio-run gone mid-answer: either way both sides are closed, nothing to report.
    });
    return;
  }
  // Every failure is answered in the Functions' JSON shape, twilio-run's HTML 404 page included.
  const body = await readAll(answer);
  const text = body.toString('utf8');
  relay(gateway, request, response, answer, body, !showsInternals(text, gateway.localRoot) && isErrorJson(text));
}

/**
 * An answer written straight to the socket, for requests Node hands over without a response object.
 * What the caller still sends is read and dropped until it stops (or falls idle), so the connection
 * closes cleanly instead of being reset before the caller has read the answer.
 */
function answerOnSocket(socket: Duplex, status: number, code: string, message: string, extraHeaders = ''): void {
  // Node reports the parse error again for each later chunk of the same request: answer once.
  if (answeredSockets.has(socket)) return;
  answeredSockets.add(socket);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.on('data', () => {
    // Read and dropped: the answer is already decided.
  });
  if (socket instanceof Socket) socket.setTimeout(DRAIN_IDLE_MS, () => socket.destroy());
  const body = errorBody(code, message);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${extraHeaders}Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** A request Node's HTTP parser itself refuses (an unknown method, malformed headers) still gets JSON. */
function answerUnparsable(error: Error & { code?: string }, socket: Duplex): void {
  answerOnSocket(socket, error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400, 'MALFORMED_REQUEST', 'The request is not valid HTTP/1.1.');
}

export async function startLocalGateway(options: LocalGatewayOptions): Promise<LocalGateway> {
  // One connection per request: a kept-alive socket that twilio-run closes as idle just as the
  // gateway reuses it resets the request (a 502 the fuzz suite met under load). Loopback connects cost
  // far less than that race.
  const agent = new Agent({ keepAlive: false });
  const gateway: Gateway = {
    localRoot: options.localRoot,
    log: options.log,
    upstream: { port: options.upstreamPort, agent },
    functions: await functionPaths(options.functionsDir),
  };
  const readiness = new RuntimeReadiness(options.holdMs ?? DEFAULT_HOLD_MS, options.log);
  const server = createServer((request, response) => {
    if (answerLocalPage(request, response, options.deskUrl)) return;
    const handle = isFunctionPath(request.url ?? '/', gateway.functions) && request.method !== 'OPTIONS' ? answerFunction : passThrough;
    const answered = readiness.waitForRuntime().then(() => handle(gateway, request, response));
    answered.catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof GatewayRefusal) {
        sendRefusal(response, error);
      } else {
        gateway.log(`gateway: ${request.method ?? ''} ${request.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
        sendRefusal(response, new GatewayRefusal(502, 'RUNTIME_UNAVAILABLE', 'The local Functions runtime did not answer.'));
      }
    });
  });
  server.on('clientError', answerUnparsable);
  // Without a listener Node would drop a CONNECT request's connection without any answer.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) =>
    answerOnSocket(socket, 405, 'METHOD_NOT_ALLOWED', 'CONNECT is not supported.', 'Allow: GET, POST, OPTIONS\r\n'),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the gateway has no port');
  return {
    port: address.port,
    runtimeReady: () => readiness.markReady(),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
