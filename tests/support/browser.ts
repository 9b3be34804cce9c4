/**
 * Headless Chromium for the browser tests: the Debian package at /usr/bin/chromium driven by
 * playwright-core (never a downloaded browser), a fresh profile per launch, screenshots under
 * test-artifacts/screenshots/ (git-ignored) and axe-core injected on demand.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots');

/** Flags for headless Chromium in containers and CI; the benchmark uses them too. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  /** Console errors and uncaught page errors seen so far, e.g. CSP violations. */
  problems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user-data dir, in `locale` (navigator.languages) and `timezoneId`; `close()` removes it. */
export async function launchBrowser(locale = 'en-US', timezoneId = 'UTC'): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'webchat-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 800 },
    locale,
    timezoneId,
  });
  const problems: string[] = [];
  const watch = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      // Aborts are ours (a reload, a page torn down mid-request); the query may hold a token: not logged.
      if (reason !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${request.url().split('?')[0]} ${reason}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      return page;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core on the page (it pierces open shadow roots). axe is injected through the
 * DevTools protocol (`addScriptTag` would be blocked by a strict CSP, `evaluate` is not).
 */
export async function runAxe(page: Page | Frame, include?: string[][]): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, include === undefined ? null : { include });
}

const devtools = new WeakMap<Page, CDPSession>();

/**
 * Cuts this page alone off the network, as DevTools' "Offline" does (navigator.onLine and the
 * window's offline event included), or puts it back; other pages of the context stay online.
 */
export async function setOffline(page: Page, offline: boolean): Promise<void> {
  let cdp = devtools.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page);
    devtools.set(page, cdp);
    await cdp.send('Network.enable');
  }
  await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}
