/**
 * The emulator serves this machine only: a web page that rebinds its own name to 127.0.0.1 (DNS
 * rebinding) gets no answer from the desk, its API, the control API, REST or the WebSocket; and an
 * uploaded file can never run as the desk's origin.
 */
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { exchange } from '../support/http-exchange';
import { accessToken, useEmulator, TEST_EMULATOR_OPTIONS as O } from '../support/twilio-at-emulator';

describe('the emulator and the Host it is asked for', () => {
  const emulator = useEmulator();
  const agent = new Agent({ keepAlive: false });
  afterAll(() => agent.destroy());
  const port = (): string => new URL(emulator.url).port;
  const get = (path: string, host: string, headers: Record<string, string> = {}) => exchange(emulator.url, { method: 'GET', path, headers: { Host: host, ...headers } }, agent);

  const PATHS = ['/', '/desk/api/conversations', '/desk/api/outbox', '/__emulator/outbox', '/__emulator/requests', `/v1/Services/${O.conversationsServiceSid}/Conversations`];

  it.each(PATHS)('refuses %s for a name that is not loopback, as a rebound page sends it, with 421 and a clear body', async (path) => {
    const host = `attacker.example:${port()}`;
    const answer = await get(path, host, { Origin: `http://${host}` });
    expect(answer.status).toBe(421);
    expect(answer.headers['content-type']).toBe('application/json');
    const body = JSON.parse(answer.body) as { status: number; message: string };
    expect(body.status).toBe(421);
    expect(body.message).toContain(`127.0.0.1:${port()}`);
    expect(body.message).toContain('DNS rebinding');
  });

  it('refuses loopback names on another port and a request without Host', async () => {
    expect((await get('/desk/api/outbox', '127.0.0.1:1')).status).toBe(421);
    expect((await get('/desk/api/outbox', 'localhost')).status).toBe(421);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port()), '127.0.0.1', () => socket.write('GET /desk/api/outbox HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.once('end', () => resolve(text));
      socket.once('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 421 /);
  });

  it.each(['127.0.0.1', 'localhost', 'LocalHost', '[::1]'])('answers %s with its port', async (name) => {
    const answer = await get('/desk/api/outbox', `${name}:${port()}`);
    expect([answer.status, answer.body]).toStrictEqual([200, '[]']);
  });

  it("refuses the SDK's WebSocket for a name that is not loopback", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port()), '127.0.0.1', () =>
        socket.write(`GET /v3/wsconnect HTTP/1.1\r\nHost: attacker.example:${port()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.once('end', () => resolve(text));
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 421 /);
  });
});

describe('media served by the emulator', () => {
  const emulator = useEmulator();
  const media = `/v1/Services/${O.conversationsServiceSid}/Media`;

  /** Uploads as the SDK does and fetches the bytes from the signed link it is given. */
  async function uploadAndFetch(filename: string, contentType: string, bytes: string): Promise<Response> {
    const token = accessToken('visitor-1');
    const uploaded = await fetch(`${emulator.url}${media}?Category=media&Filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { 'X-Twilio-Token': token, 'Content-Type': contentType },
      body: bytes,
    });
    expect(uploaded.status).toBe(201);
    const { links } = (await uploaded.json()) as { links: { content_direct_temporary: string } };
    return fetch(links.content_direct_temporary);
  }

  it.each([
    ['page.html', 'text/html', '<script>parent.alert(document.cookie)</script>'],
    ['drawing.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['notes.txt', 'text/plain; charset=utf-8', 'hello'],
    ['data.bin', 'application/octet-stream', 'bytes'],
  ])('serves %s (%s) as an attachment that the browser neither sniffs nor runs', async (filename, type, bytes) => {
    const answer = await uploadAndFetch(filename, type, bytes);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${filename}`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(await answer.text()).toBe(bytes);
  });

  it.each([
    ['photo.png', 'image/png'],
    ['voice.mp3', 'audio/mpeg'],
    ['clip.mp4', 'video/mp4'],
    ['invoice.pdf', 'application/pdf'],
  ])('shows %s (%s) in place, still sandboxed and not sniffed', async (filename, type) => {
    const answer = await uploadAndFetch(filename, type, 'not really that type');
    expect(answer.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${filename}`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    await answer.arrayBuffer();
  });
});
