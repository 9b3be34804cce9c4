/**
 * Instant open: the loader fetches the app chunk on intent (pointer over or focus on the
 * launcher) or once the page is idle after load, unless the visitor saves data, and never before
 * one of these; a failed fetch is shown on the launcher and retried on the next click, and a chat
 * view that cannot be fetched is said so in the panel. In headless Chromium against the local stack. Fetches are observed in the page
 * itself (a MutationObserver sees the chunk's <script> the moment the loader adds it), so every
 * check is about order, not time.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: BrowserSession;

interface Probe {
  appScripts: number;
  appScriptsAtLoad?: number;
}

/** Counts app-chunk scripts the page adds, and how many there were when `load` fired. */
function recordAppFetches(saveData: boolean): void {
  if (saveData) {
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true, effectiveType: '4g' }) });
  }
  const probe: Probe = { appScripts: 0 };
  (window as unknown as { probe: Probe }).probe = probe;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLScriptElement && node.src.includes('/webchat/app-')) probe.appScripts += 1;
      }
    }
  }).observe(document, { childList: true, subtree: true });
  // Registered before the loader runs, so it fires before the loader's own load listener.
  window.addEventListener('load', () => {
    probe.appScriptsAtLoad = probe.appScripts;
  });
}

/** A first visit: pages share the browser's profile, so a chat saved by an earlier test (which loads the app at once) is cleared. */
async function visit(saveData: boolean): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(recordAppFetches, saveData);
  await page.goto(`${stack.baseUrl}/`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  await page.locator('twilio-webchat button.launcher').waitFor();
  await page.waitForLoadState('load');
  return page;
}

/** Resolves after an idle callback queued now has run, i.e. after any the loader queued at load. */
async function afterIdle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
}

const appScripts = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { probe: Probe }).probe.appScripts);

jest.setTimeout(120_000);

describe('loading the app chunk', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('with Save-Data nothing is fetched until the pointer goes over the launcher, which fetches the app', async () => {
    const page = await visit(true);
    await afterIdle(page);
    expect(await appScripts(page)).toBe(0);
    const fetched = page.waitForResponse((response) => response.url().includes('/webchat/app-'));
    await page.locator('twilio-webchat button.launcher').hover();
    expect((await fetched).ok()).toBe(true);
    expect(await appScripts(page)).toBe(1);
    await page.close();
  });

  test('focus on the launcher fetches the app, and the click then shows the form in the next frame', async () => {
    const page = await visit(true);
    await afterIdle(page);
    expect(await appScripts(page)).toBe(0);
    await page.locator('twilio-webchat button.launcher').focus();
    // Prefetching runs the app chunk, which fetches the form's chunk (no chat is saved) and asks for
    // the deployment's settings at once: both are part of what was prefetched.
    await page.waitForFunction(() => ['app', 'start-form'].every((name) => (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for('twilio-webchat.chunks')]?.has(name) === true));
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/webchatConfig') && (entry as PerformanceResourceTiming).responseEnd > 0));
    const formInNextFrame = await page.evaluate(async () => {
      const root = document.querySelector('twilio-webchat')?.shadowRoot;
      root?.querySelector<HTMLButtonElement>('button.launcher')?.click();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return root?.getElementById('twc-field-friendlyName') !== null;
    });
    expect(formInNextFrame).toBe(true);
    expect(await appScripts(page)).toBe(1);
    await page.close();
  });

  test('when the app cannot be fetched the launcher says so, and the next click tries again', async () => {
    const page = await visit(true);
    await page.route('**/webchat/app-*.js', (route) => route.abort());
    const launcher = page.locator('twilio-webchat button.launcher');
    await launcher.click();
    await page.locator('twilio-webchat button.launcher[aria-label="The chat could not be loaded. Try again"]').waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('twilio-webchat .badge').textContent()).toBe('!');
    await page.unroute('**/webchat/app-*.js');
    await launcher.click();
    await page.locator('#twc-field-friendlyName').waitFor();
    expect(await launcher.getAttribute('aria-label')).toBe('Minimize chat');
    expect(await page.locator('twilio-webchat .badge').isVisible()).toBe(false);
    await page.close();
  });

  test('when the chat view cannot be fetched the panel says so instead of a blank chat', async () => {
    const page = await visit(true);
    await page.route('**/webchat/chat-view-*.js', (route) => route.abort());
    await page.locator('twilio-webchat button.launcher').click();
    await page.locator('#twc-field-friendlyName').fill('Sam Visitor');
    await page.locator('#twc-field-email').fill('sam@example.com');
    await page.locator('#twc-field-query').fill('Is the chat view there?');
    await page.locator('#twc-field-query').press('Enter');
    await page.locator('twilio-webchat .status-view', { hasText: 'The chat could not be loaded' }).waitFor();
    expect(await page.locator('#twc-composer').count()).toBe(0);
    await page.close();
  });

  test('without Save-Data the app is fetched once the page is idle after load, never before load', async () => {
    const page = await visit(false);
    await afterIdle(page);
    const probe = await page.evaluate(() => (window as unknown as { probe: Probe }).probe);
    expect(probe.appScriptsAtLoad).toBe(0);
    expect(probe.appScripts).toBe(1);
    await page.close();
  });
});
