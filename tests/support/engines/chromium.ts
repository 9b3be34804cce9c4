/**
 * Chromium for the cross-engine journeys: Debian's chromium through playwright-core, as the rest
 * of the browser tests drive it (tests/support/browser.ts), every request that is not for this
 * machine sent through a proxy on a closed local port (Chromium never proxies loopback).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser';
import { widgetElement, type EnginePage } from './engine-page';
import { closedPort, SCREENSHOT_DIR } from './network';

export async function launchChromium(): Promise<EnginePage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Chromium's own flag: playwright's proxy option would proxy loopback too.
    args: [...CHROMIUM_ARGS, `--proxy-server=127.0.0.1:${await closedPort()}`],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
  const element = async (selector: string) => {
    const found = (await page.evaluateHandle(widgetElement, selector)).asElement();
    if (found === null) throw new Error(`the widget shows no ${selector}`);
    return found;
  };
  return {
    engine: 'chromium',
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    async run<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
      return page.evaluate(fn as (arg: unknown) => T, arg);
    },
    async inject(source) {
      await page.evaluate(source);
    },
    async click(selector) {
      await (await element(selector)).click();
    },
    async type(selector, text) {
      await (await element(selector)).focus();
      await page.keyboard.type(text);
    },
    async chooseFiles(selector, paths) {
      await (await element(selector)).setInputFiles(paths);
    },
    async screenshot(name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `chromium-${name}.png`) });
    },
    async close() {
      await browser.close();
    },
  };
}
