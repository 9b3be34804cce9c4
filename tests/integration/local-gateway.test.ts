/**
 * The local gateway in front of twilio-run: what it refuses before a Function runs, what it passes
 * through untouched, and how it hides twilio-run's error pages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLocalGateway, type LocalGateway } from '../../scripts/lib/gateway/local-gateway';
import { exchange, type RawRequest } from '../support/http-exchange';
import { startStack, type TestStack } from '../support/stack';

const SHOP = 'https://shop.example.com';
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function post(path: string, body: string | Buffer, contentType = JSON_TYPE, extra: Record<string, string> = {}): RawRequest {
  return { method: 'POST', path, headers: { 'Content-Type': contentType, Origin: SHOP, ...extra }, body: Buffer.from(body) };
}

/** Raw bytes on a socket, for requests no HTTP client sends (CONNECT, an unknown method). */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.once('end', () => resolve(answer));
    socket.once('error', reject);
  });
}

describe('the local gateway in front of the Functions', () => {
  let stack: TestStack;
  const agent = new Agent({ keepAlive: true });
  beforeAll(async () => {
    stack = await startStack({ ALLOWED_ORIGINS: SHOP });
  });
  afterAll(async () => {
    agent.destroy();
    await stack?.stop();
  });
  const send = (request: RawRequest) => exchange(stack.baseUrl, request, agent);

  it.each([
    ['a query parameter', post(`/initWebchat?request[headers][origin]=${encodeURIComponent(SHOP)}`, '{"formData":{"query":"Hi"}}')],
    ['a query parameter in brackets', post('/initWebchat?[request]=x', '{"formData":{"query":"Hi"}}')],
    ['a percent-encoded query parameter', post('/refreshToken?%72equest=x', '{}')],
    ['a JSON body parameter', post('/initWebchat', JSON.stringify({ formData: { query: 'Hi' }, request: { headers: { origin: SHOP } } }))],
    ['a form body parameter', post('/initWebchat', `formData=${encodeURIComponent('{"query":"Hi"}')}&request=x`, FORM)],
  ])('refuses a parameter named request as %s, naming it, before any Function runs', async (_, request) => {
    await stack.emulator.reset();
    const answer = await send(request);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toStrictEqual({ error: { code: 'RESERVED_PARAMETER', message: expect.stringContaining('"request"'), field: 'request' } });
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'HEAD'])('answers %s to a Function with 405 and Allow: GET, POST, as Twilio runs Functions for those two only', async (method) => {
    const answer = await send({ method, path: '/initWebchat', headers: { Origin: SHOP } });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, POST');
  });

  it('passes a GET on, and a Function that takes POST only answers it 405 with Allow: POST itself', async () => {
    const answer = await send({ method: 'GET', path: '/initWebchat', headers: { Origin: SHOP } });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('refuses a GET that carries a body with 403, as Twilio does', async () => {
    const answer = await send({ method: 'GET', path: '/webchat.js', headers: { 'Content-Type': JSON_TYPE }, body: Buffer.from('{}') });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toStrictEqual({ error: { code: 'BODY_NOT_ALLOWED', message: 'A GET request must not carry a body.' } });
  });

  it.each([
    ['broken JSON', post('/initWebchat', '{"formData": {"query": '), 400, 'INVALID_JSON'],
    ['JSON that is not an object', post('/initWebchat', '"formData"'), 400, 'INVALID_JSON'],
    ['a charset other than UTF-8', post('/initWebchat', '{}', `${JSON_TYPE}; charset=latin1`), 415, 'UNSUPPORTED_CHARSET'],
    ['bytes that are not UTF-8', post('/initWebchat', Buffer.from([0x7b, 0xff, 0x7d])), 400, 'INVALID_ENCODING'],
    ['a body that is neither JSON nor a form', post('/initWebchat', 'hello', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a compressed body', post('/initWebchat', '{}', JSON_TYPE, { 'Content-Encoding': 'gzip' }), 415, 'UNSUPPORTED_CONTENT_ENCODING'],
    ['a form of 1,001 parameters', post('/initWebchat', Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&'), FORM), 413, 'TOO_MANY_PARAMETERS'],
    ['a query of 1,001 parameters', post(`/initWebchat?${Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&')}`, '{}'), 413, 'TOO_MANY_PARAMETERS'],
    ['a body over 6 MB', post('/initWebchat', Buffer.alloc(6 * 1024 * 1024 + 1, 'a'), FORM), 413, 'BODY_TOO_LARGE'],
    ['JSON nested 5,000 deep', post('/initWebchat', `${'['.repeat(5000)}${']'.repeat(5000)}`), 400, 'JSON_TOO_DEEP'],
  ])('refuses %s with a JSON error naming the problem, and nothing reaches Twilio', async (_, request, status, code) => {
    await stack.emulator.reset();
    const answer = await send(request);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toStrictEqual({ error: { code, message: expect.any(String) } });
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });

  it('lets JSON nested as deep as the bound through to the Function, which answers for itself', async () => {
    const answer = await send(post('/initWebchat', JSON.stringify({ formData: JSON.parse(`${'{"a":'.repeat(31)}1${'}'.repeat(31)}`) as unknown })));
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body) as { error: { field?: string } }).error.field).toBe('formData.a');
  });

  it('answers requests that are not HTTP it can route with JSON too: CONNECT and unknown methods', async () => {
    const port = Number(new URL(stack.baseUrl).port);
    const tunnel = await rawExchange(port, 'CONNECT /initWebchat HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(tunnel).toMatch(/^HTTP\/1\.1 405 /);
    expect(tunnel).toContain('{"error":{"code":"METHOD_NOT_ALLOWED"');
    const unknown = await rawExchange(port, 'FOO /initWebchat HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(unknown).toMatch(/^HTTP\/1\.1 400 /);
    expect(unknown).toContain('{"error":{"code":"MALFORMED_REQUEST"');
  });

  it('passes Assets through byte for byte, and HEAD with their headers', async () => {
    const built = readFileSync(path.resolve(__dirname, '../../dist/assets/webchat.js'));
    const answer = await fetch(`${stack.baseUrl}/webchat.js`);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer()).equals(built)).toBe(true);
    const head = await fetch(`${stack.baseUrl}/webchat.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(built.length);
  });

  it.each([
    ['GET', '/no-such-page'],
    ['POST', '/noSuchFunction'],
    ['GET', '/webchat/missing-chunk.js'],
  ])('answers %s %s, which nothing serves, with 404 JSON rather than an HTML page', async (method, route) => {
    const answer = await fetch(`${stack.baseUrl}${route}`, { method, ...(method === 'POST' ? { body: '{}', headers: { 'Content-Type': JSON_TYPE } } : {}) });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await answer.json()).toStrictEqual({ error: { code: 'NOT_FOUND', message: 'No Function or Asset is served at this path.' } });
  });

  it('answers without X-Powered-By: a Function, an Asset, a preflight and an unknown path', async () => {
    const answers = await Promise.all([
      fetch(`${stack.baseUrl}/webchatConfig`),
      fetch(`${stack.baseUrl}/webchat.js`),
      fetch(`${stack.baseUrl}/initWebchat`, { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST' } }),
      fetch(`${stack.baseUrl}/nothing-here`),
    ]);
    expect(answers.map((answer) => answer.status)).toStrictEqual([200, 200, expect.any(Number), 404]);
    for (const answer of answers) expect(answer.headers.get('x-powered-by')).toBeNull();
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  });

  it('passes two Origin headers on to the Function as two, which refuses them', async () => {
    await stack.emulator.reset();
    const answer = await send({ ...post('/initWebchat', '{"formData":{"query":"Hi"}}'), headers: { 'Content-Type': JSON_TYPE, Origin: ['https://evil.example.com', SHOP] } });
    // Were they joined into one line, the Function would see one unknown origin (403) instead.
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.body) as { error: { message: string } }).error.message).toContain('2 origin headers');
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });
});

describe('the local gateway when twilio-run answers with an error page', () => {
  const functionsDir = mkdtempSync(path.join(tmpdir(), 'gateway-functions-'));
  const root = path.resolve(__dirname, '../..');
  const logged: string[] = [];
  let upstream: Server;
  let gateway: LocalGateway;
  const pages: Record<string, [string, string]> = {
    '/broken': ['text/html', `<!DOCTYPE html><html><body><pre>TypeError: x is undefined\n    at handler (${root}/dist/functions/broken.js:3:9)</pre></body></html>`],
    '/thrown': ['application/json', JSON.stringify({ message: 'boom', name: 'Error', stack: `Error: boom\n    at ${root}/dist/functions/thrown.js:1:1` })],
    '/asset-error': ['text/html', `<html><body>Error: ENOENT ${root}/dist/assets/missing.js</body></html>`],
  };
  beforeAll(async () => {
    writeFileSync(path.join(functionsDir, 'broken.js'), '');
    writeFileSync(path.join(functionsDir, 'thrown.protected.js'), '');
    upstream = createServer((request, response) => {
      const [type, body] = pages[request.url ?? ''] ?? ['text/plain', 'missing'];
      response.writeHead(500, { 'Content-Type': type }).end(body);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const address = upstream.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    gateway = await startLocalGateway({ port: 0, upstreamPort: address.port, functionsDir, localRoot: root, log: (line) => logged.push(line) });
    gateway.runtimeReady();
  });
  afterAll(async () => {
    await gateway?.close();
    await new Promise((resolve) => upstream?.close(resolve));
    rmSync(functionsDir, { recursive: true, force: true });
  });

  it.each(['/broken', '/thrown', '/asset-error'])('answers %s with JSON that shows no stack and no path, and logs the page instead', async (route) => {
    const answer = await fetch(`http://127.0.0.1:${gateway.port}${route}`, route === '/asset-error' ? {} : { method: 'POST' });
    expect(answer.status).toBe(500);
    const body = await answer.text();
    expect(JSON.parse(body)).toStrictEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'The Function failed. The details are in the output of npm start.' } });
    expect(logged.some((line) => line.includes((pages[route] ?? ['', ''])[1]))).toBe(true);
  });
});
