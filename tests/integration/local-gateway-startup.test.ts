/**
 * The local gateway before twilio-run is up, and the pages it answers itself: a page opened while
 * `npm start` is still starting waits instead of failing, and nothing local reaches for the network.
 * A plain HTTP server stands in for twilio-run here, so the test decides when the runtime comes up.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { startLocalGateway, type LocalGateway } from '../../scripts/lib/gateway/local-gateway';
import { freePort } from '../../scripts/lib/local-stack';

const DESK = 'http://localhost:45123/';

describe('the local gateway while the Functions runtime starts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-start-'));
  let gateway: LocalGateway | undefined;
  let runtime: Server | undefined;
  const upstreamPaths: string[] = [];
  const lines: string[] = [];
  let onLine: (line: string) => void = () => undefined;
  /** Resolves when the gateway logs a line containing `text`. */
  const logged = (text: string): Promise<void> =>
    new Promise((resolve) => {
      onLine = (line) => {
        if (line.includes(text)) resolve();
      };
    });

  async function start(runtimePort: number, holdMs?: number): Promise<LocalGateway> {
    gateway = await startLocalGateway({ port: 0, upstreamPort: runtimePort, functionsDir: dir, localRoot: dir, log: (line) => {
        lines.push(line);
        onLine(line);
      }, deskUrl: DESK, holdMs });
    return gateway;
  }

  /** The stand-in for twilio-run, serving every path with 200 "asset". */
  async function startRuntime(port: number): Promise<void> {
    runtime = createServer((request, response) => {
      upstreamPaths.push(request.url ?? '');
      response.end('asset');
    });
    await new Promise<void>((resolve) => runtime?.listen(port, '127.0.0.1', resolve));
  }

  afterEach(async () => {
    await gateway?.close();
    await new Promise((resolve) => (runtime === undefined ? resolve(undefined) : runtime.close(resolve)));
    [gateway, runtime] = [undefined, undefined];
    upstreamPaths.length = 0;
    lines.length = 0;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds a request that arrives before the runtime is ready, says so once, and answers it when the runtime is', async () => {
    const runtimePort = await freePort();
    const { port } = await start(runtimePort);
    const held = logged('waiting for the Functions runtime');
    const early = fetch(`http://127.0.0.1:${port}/webchat.js`);
    const second = fetch(`http://127.0.0.1:${port}/`);
    await held;

    await startRuntime(runtimePort);
    gateway?.runtimeReady();

    const answers = await Promise.all([early, second]);
    expect(answers.map((answer) => answer.status)).toStrictEqual([200, 200]);
    expect(await answers[0]?.text()).toBe('asset');
    expect(lines.filter((line) => line.includes('waiting for the Functions runtime'))).toHaveLength(1);
  });

  it('answers 503 with Retry-After, never 502, when the runtime is still not ready after the hold', async () => {
    const { port } = await start(await freePort(), 50);
    const answer = await fetch(`http://127.0.0.1:${port}/initWebchat`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(503);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answer.json()).toStrictEqual({ error: { code: 'RUNTIME_STARTING', message: expect.stringMatching(/still starting/) } });
  });

  it('answers /favicon.ico itself, without sending the browser to the network or asking the runtime', async () => {
    const runtimePort = await freePort();
    const { port } = await start(runtimePort);
    await startRuntime(runtimePort);
    gateway?.runtimeReady();
    const answer = await fetch(`http://127.0.0.1:${port}/favicon.ico`, { redirect: 'manual' });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('location')).toBeNull();
    expect(upstreamPaths).toStrictEqual([]);
  });

  it("takes the demo page's link to the agent desk to the desk at its real port", async () => {
    const demo = readFileSync(path.resolve(__dirname, '../../demo/index.html'), 'utf8');
    const href = /<a href="([^"]+)">[^<]*agent desk/i.exec(demo)?.[1] ?? '';
    expect(href.startsWith('/')).toBe(true);
    const { port } = await start(await freePort());
    const answer = await fetch(`http://127.0.0.1:${port}${href}`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(DESK);
  });
});
