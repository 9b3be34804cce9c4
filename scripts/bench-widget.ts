/**
 * Widget benchmark: prints what visitors download (raw, gzip, brotli) and, when Chromium is
 * installed, how long the launcher and the form take to appear on a local page. Figures only;
 * tests assert sizes (tests/unit/widget-size.test.ts), never timings.
 *
 *   npx tsx scripts/bench-widget.ts [--runs 7] [--no-browser]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildWidget } from './build-widget';
import { measureWidget, type SizedFile } from './lib/widget-sizes';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOST_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script src="/webchat.js" async></script></head><body><h1>Bench</h1></body></html>';

function row(name: string, s: SizedFile): string {
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  return `${name.padEnd(28)}${kb(s.raw)}${kb(s.gzip)}${kb(s.brotli)}   (${s.gzip} B gzip)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Serves the built assets and a host page on 127.0.0.1; optionally throttled per response. */
async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://bench.invalid').pathname;
    if (pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(HOST_PAGE);
      return;
    }
    const file = path.join(dir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function browserTimings(dir: string, runs: number): Promise<void> {
  const { chromium } = await import('playwright-core');
  const site = await serve(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const launcher: number[] = [];
  const form: number[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      // A fresh context per run: cold HTTP cache, empty storage, like a first visit.
      const context = await browser.newContext();
      const page = await context.newPage();
      // Simulated "Fast 4G" so the numbers say something about real visitors, not loopback.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 60, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (1.5 * 1024 * 1024) / 8 });
      const start = Date.now();
      await page.goto(site.url);
      await page.locator('twilio-webchat button.launcher').waitFor();
      launcher.push(Date.now() - start);
      const click = Date.now();
      await page.locator('twilio-webchat button.launcher').click();
      await page.locator('#twc-field-friendlyName').waitFor();
      form.push(Date.now() - click);
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  console.log(`\nChromium, simulated Fast 4G (60 ms, 9 Mbit/s), median of ${runs} cold runs:`);
  console.log(`  navigation start → launcher visible   ${median(launcher)} ms   (all: ${launcher.join(', ')})`);
  console.log(`  launcher click → form visible         ${median(form)} ms   (all: ${form.join(', ')})`);
}

/** Builds the widget into a temporary directory and prints its figures. */
export async function benchWidget(options: { runs: number; browser: boolean }): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-widget-'));
  try {
    await buildWidget(dir);
    const sizes = await measureWidget(dir);
    console.log(`${'widget file'.padEnd(28)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
    console.log(row('webchat.js (every page)', sizes.loader));
    console.log(row('app (first open)', sizes.chunks.app));
    console.log(row('conversations-transport (chat)', sizes.chunks['conversations-transport']));
    const production = [sizes.loader, sizes.chunks.app, sizes.chunks['conversations-transport']];
    const total = (key: 'raw' | 'gzip' | 'brotli'): number => production.reduce((sum, file) => sum + file[key], 0);
    console.log(row('visitor total, production', { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli'), file: '' }));
    console.log('(the original Webchat React App: 286 KB gzip before the chat starts)');
    if (options.browser && existsSync(CHROMIUM)) await browserTimings(dir, options.runs);
    else if (options.browser) console.log(`\nno Chromium at ${CHROMIUM}: timings skipped`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1] ?? 7) : 7;
  benchWidget({ runs, browser: !args.includes('--no-browser') }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
