/**
 * Firefox for the cross-engine journeys: Debian's firefox-esr, headless, driven by puppeteer-core
 * over WebDriver BiDi (never a downloaded build), with a fresh profile whose proxy sends every
 * request that is not for this machine to a closed local port.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type ElementHandle } from 'puppeteer-core';
import { widgetElement, type EnginePage } from './engine-page';
import { closedPort, SCREENSHOT_DIR } from './network';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Firefox's manual proxy for every scheme; localhost and 127.0.0.1 are never proxied (network.proxy.allow_hijacking_localhost is false). */
function proxyPrefs(port: number): Record<string, unknown> {
  const prefs: Record<string, unknown> = { 'network.proxy.type': 1, 'network.proxy.no_proxies_on': '' };
  for (const scheme of ['http', 'ssl', 'socks']) Object.assign(prefs, { [`network.proxy.${scheme}`]: '127.0.0.1', [`network.proxy.${scheme}_port`]: port });
  return prefs;
}

export async function launchFirefox(): Promise<EnginePage> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: { ...proxyPrefs(await closedPort()), 'intl.accept_languages': 'en-US' },
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const element = async (selector: string): Promise<ElementHandle<Element>> => {
    const handle = await page.evaluateHandle(widgetElement, selector);
    const found = handle.asElement();
    if (found === null) throw new Error(`the widget shows no ${selector}`);
    return found as ElementHandle<Element>;
  };
  return {
    engine: 'firefox',
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    async run<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
      // Puppeteer types the argument as it would pass element handles; ours are plain JSON.
      return page.evaluate(fn as (arg: unknown) => T, arg);
    },
    async inject(source) {
      await page.evaluate(source);
    },
    async click(selector) {
      await (await element(selector)).click();
    },
    async type(selector, text) {
      const handle = await element(selector);
      await handle.focus();
      await page.keyboard.type(text);
    },
    async chooseFiles(selector, paths) {
      await ((await element(selector)) as ElementHandle<HTMLInputElement>).uploadFile(...paths);
    },
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `firefox-${name}.png`) });
    },
    async close() {
      await browser.close();
    },
  };
}
