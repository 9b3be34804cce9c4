/**
 * The widget on host pages it does not control: a page served with a
 * strict Content-Security-Policy, a page with hostile global CSS, keyboard-only use, and the
 * public `window.Twilio.initWebchat` API. Host pages come from their own server on another origin
 * and embed the loader from the stack, as a customer's site embeds it from twil.io, so the tests
 * control every header of the host page, CSP included, and cover cross-origin loading.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startHostServer, type HostPage, type HostServer } from '../support/host-server';
import { startStack, type TestStack, strictCsp } from '../support/stack';

let stack: TestStack;
let browser: BrowserSession;
let hosts: HostServer;

/** Opens the host page `host` served at `<host origin>/<name>`. */
async function openHost(name: string, host: HostPage, beforeLoad?: () => void): Promise<Page> {
  const page = await browser.newPage();
  // Every test starts as a new visitor: the pages share one origin, hence one localStorage.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('test:fresh') === null) {
      localStorage.clear();
      sessionStorage.setItem('test:fresh', '1');
    }
  });
  if (beforeLoad !== undefined) await page.addInitScript(beforeLoad);
  await page.goto(hosts.setPage(name, host));
  return page;
}

function hostHtml(head: string, body = '<main><h1>Shop</h1><p>Products.</p></main>'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${head}</head><body>${body}</body></html>`;
}

async function startChatByMouse(page: Page, name: string): Promise<void> {
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-field-friendlyName').fill(name);
  await page.locator('#twc-field-email').fill('visitor@example.com');
  await page.locator('#twc-field-query').fill(`Question from ${name}`);
  await page.locator('twilio-webchat button[type="submit"]').click();
  await page.locator('twilio-webchat .bubble', { hasText: `Question from ${name}` }).waitFor();
}

jest.setTimeout(180_000);

describe('the widget on other people’s pages', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await hosts?.stop();
  });

  test('works under a strict CSP (no unsafe-inline, no unsafe-eval) with no violations', async () => {
    const csp = strictCsp(stack);
    const page = await openHost('strict-csp', {
      headers: { 'Content-Security-Policy': csp },
      body: hostHtml(`<script src="${stack.baseUrl}/webchat.js" async></script>`),
    });
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await startChatByMouse(page, 'Csp Visitor');
    const launcher = page.locator('twilio-webchat button.launcher');
    // Styled even though style-src is 'none': constructable stylesheets are not inline styles.
    expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(await launcher.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('50%');
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toStrictEqual([]);
    expect(browser.problems.filter((p) => /Content Security Policy|Refused/i.test(p))).toStrictEqual([]);
    await screenshot(page, 'hosting-strict-csp');
    await page.close();
  });

  test('keeps working and looking right on a page with hostile global CSS', async () => {
    const page = await openHost('hostile-css', {
      body: hostHtml(
        `<style>* { all: unset; } div { display: none !important; } button { background: red !important; font-size: 40px; }
          body { font: 30px/3 "Comic Sans MS", cursive; color: lime; }</style>
         <script src="${stack.baseUrl}/webchat.js" async></script>`,
      ),
    });
    const launcher = page.locator('twilio-webchat button.launcher');
    await launcher.waitFor();
    const box = await launcher.boundingBox();
    expect(box !== null && box.width === 60 && box.height === 60).toBeTruthy();
    await startChatByMouse(page, 'Hostile Visitor');
    const panel = page.locator('twilio-webchat .panel');
    expect(await panel.isVisible()).toBe(true);
    const panelBox = await panel.boundingBox();
    expect(panelBox !== null && panelBox.width === 380).toBeTruthy();
    const font = await page.locator('twilio-webchat .bubble').first().evaluate((el) => getComputedStyle(el).fontSize);
    expect(font).toBe('15px');
    await screenshot(page, 'hosting-hostile-css');
    // Nothing leaks out: the host page's own elements keep the host's styles.
    expect(await page.locator('h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 255, 0)');
    await page.close();
  });

  test('can be used with the keyboard alone, with focus managed and visible', async () => {
    const page = await openHost('keyboard', {
      body: hostHtml(`<script src="${stack.baseUrl}/webchat.js" async></script>`, '<main><a href="#top">Skip</a><h1>Shop</h1></main>'),
    });
    await page.locator('twilio-webchat button.launcher').waitFor();
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const inner = document.activeElement?.shadowRoot?.activeElement;
        if (inner) return `${inner.tagName.toLowerCase()}${inner.id ? `#${inner.id}` : ''}.${inner.className}`;
        return document.activeElement?.tagName.toLowerCase() ?? '';
      });
    // Tab from the page's own link reaches the launcher.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/button\.launcher/);
    const outline = await page.locator('twilio-webchat button.launcher').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.locator('#twc-field-friendlyName').waitFor();
    await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.id === 'twc-field-friendlyName');
    await page.keyboard.type('Keyboard Visitor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keys@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .bubble', { hasText: 'Typed without a mouse' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.id === 'twc-composer');
    await page.keyboard.type('Line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .bubble', { hasText: 'line two' }).waitFor();
    expect(await page.locator('twilio-webchat .bubble', { hasText: 'line two' }).textContent()).toBe('Line one\nline two');
    await screenshot(page, 'hosting-keyboard');
    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    expect(await page.locator('twilio-webchat .panel').isVisible()).toBe(false);
    expect(await focused()).toMatch(/button\.launcher/);
    expect(await page.locator('twilio-webchat button.launcher').getAttribute('aria-expanded')).toBe('false');
    const violations = await runAxe(page, [['twilio-webchat']]);
    expect(violations.map((v) => v.id)).toStrictEqual([]);
    await page.close();
  });

  test('fills a phone screen and still fits the launcher', async () => {
    const page = await openHost('phone', { body: hostHtml(`<script src="${stack.baseUrl}/webchat.js" async></script>`) });
    await page.setViewportSize({ width: 375, height: 700 });
    await startChatByMouse(page, 'Phone Visitor');
    const panel = await page.locator('twilio-webchat .panel').boundingBox();
    expect(panel).toStrictEqual({ x: 0, y: 0, width: 375, height: 700 });
    expect(await page.locator('twilio-webchat button.launcher').isVisible()).toBe(false);
    await screenshot(page, 'hosting-phone');
    await page.locator('twilio-webchat .header .icon-button').click();
    expect(await page.locator('twilio-webchat .panel').isVisible()).toBe(false);
    expect(await page.locator('twilio-webchat button.launcher').isVisible()).toBe(true);
    await page.close();
  });

  test('initWebchat keeps an existing window.Twilio and accepts the original config keys', async () => {
    const page = await openHost(
      'api',
      { body: hostHtml(`<script src="${stack.baseUrl}/webchat.js" data-auto-init="false" async></script>`) },
      () => {
        // Another Twilio SDK already on the page.
        (window as unknown as { Twilio: Record<string, unknown> }).Twilio = { Device: 'keep me' };
      },
    );
    await page.waitForFunction(() => typeof (window as unknown as { Twilio?: { initWebchat?: unknown } }).Twilio?.initWebchat === 'function');
    const kept = await page.evaluate(() => (window as unknown as { Twilio: Record<string, unknown> }).Twilio.Device);
    expect(kept).toBe('keep me');
    expect(await page.locator('twilio-webchat').count()).toBe(0);
    await page.evaluate((serverUrl) => {
      // The original app's snippet names serverUrl explicitly.
      const api = (window as unknown as { Twilio: { initWebchat(config: unknown): void } }).Twilio;
      api.initWebchat({
        serverUrl,
        theme: { isLight: false, overrides: { backgroundColorPrimary: '#6b21a8', backgroundColorBody: '#0b1f33', '--twc-radius': '4px' } },
        fileAttachment: { enabled: false },
        strings: { title: 'Talk to Support' },
      });
    }, stack.baseUrl);
    const launcher = page.locator('twilio-webchat button.launcher');
    await launcher.waitFor();
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(107, 33, 168)');
    await startChatByMouse(page, 'Api Visitor');
    expect(await page.locator('twilio-webchat .title').textContent()).toBe('Talk to Support');
    // A Paste token of the panel reaches it through the app's stylesheet, not a table in the loader.
    expect(await page.locator('twilio-webchat section.panel').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(11, 31, 51)');
    expect(await page.locator('twilio-webchat button.attach').count()).toBe(0);
    expect(await page.locator('twilio-webchat').getAttribute('data-theme')).toBe('dark');
    await screenshot(page, 'hosting-dark-theme');
    const violations = await runAxe(page, [['twilio-webchat']]);
    expect(violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toStrictEqual([]);
    await page.close();
  });
});
