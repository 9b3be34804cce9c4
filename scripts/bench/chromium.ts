/**
 * Chromium for the benchmark: the same Debian binary and flags as the browser tests
 * (tests/support/browser.ts), plus the network profile the figures are quoted for.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/browser';

export { CHROMIUM_PATH };

/** Chrome DevTools' "Fast 4G": what the page-load figures are quoted for. */
export const FAST_4G = { offline: false, latency: 60, downloadThroughput: (9 * 1024 * 1024) / 8, uploadThroughput: (1.5 * 1024 * 1024) / 8 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh context (cold HTTP cache, empty storage) with one page, optionally on Fast 4G. */
export async function freshPage(browser: Browser, throttled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  if (throttled) await (await context.newCDPSession(page)).send('Network.emulateNetworkConditions', FAST_4G);
  return { context, page };
}
