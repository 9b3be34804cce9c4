/**
 * The launcher and the panel follow the host page's direction, in headless Chromium: bottom right
 * on a left-to-right page, bottom left, mirrored, on a right-to-left one (`<html dir="rtl">`),
 * whatever the widget's own language, whose direction still applies inside the panel. The pages
 * are customers' pages on another origin with the strict Content-Security-Policy.
 * Screenshots: test-artifacts/screenshots/page-direction-{ltr,rtl,ltr-arabic-widget}-{closed,open}.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { startStack, strictCsp, type TestStack } from '../support/stack';

let stack: TestStack;
let hosts: HostServer;

const PAGES = {
  ltr: { lang: 'en', dir: 'ltr', heading: 'Shop' },
  rtl: { lang: 'ar', dir: 'rtl', heading: 'المتجر' },
} as const;

async function openHost(browser: BrowserSession, name: string, pageDirection: keyof typeof PAGES): Promise<Page> {
  const { lang, dir, heading } = PAGES[pageDirection];
  const page = await browser.newPage();
  const script = `<script src="${stack.baseUrl}/webchat.js" async></script>`;
  const body = `<!doctype html><html dir="${dir}" lang="${lang}"><head><meta charset="utf-8"><title>${heading}</title>${script}</head><body><h1>${heading}</h1></body></html>`;
  await page.goto(hosts.setPage(name, { body, headers: { 'Content-Security-Policy': strictCsp(stack) } }));
  return page;
}

async function noViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page, [['twilio-webchat']]);
  const found = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations: found }).toStrictEqual({ where, violations: [] });
}

/** The distance of `selector`'s box from the viewport's left and right edges. */
async function gaps(page: Page, selector: string): Promise<{ left: number; right: number }> {
  const box = await page.locator(selector).first().boundingBox();
  const width = page.viewportSize()?.width;
  if (box === null || width === undefined) throw new Error(`${selector} is not shown`);
  return { left: Math.round(box.x), right: Math.round(width - box.x - box.width) };
}

const direction = (page: Page, selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).direction);

/**
 * Both sit 20 px from the page's inline end: right on a left-to-right page, left on a right-to-left
 * one; the hovered launcher grows by 5% around its centre, so a pixel or two less.
 */
async function expectAtInlineEnd(page: Page, pageDirection: keyof typeof PAGES, selector: string): Promise<void> {
  const { left, right } = await gaps(page, selector);
  const [near, far] = pageDirection === 'rtl' ? [left, right] : [right, left];
  expect({ selector, near: near >= 18 && near <= 20, far: far > 300 }).toStrictEqual({ selector, near: true, far: true });
}

const CASES: Array<[string, keyof typeof PAGES, string, 'ltr' | 'rtl']> = [
  ['ltr', 'ltr', 'en-US', 'ltr'],
  ['rtl', 'rtl', 'en-US', 'ltr'],
  ['ltr-arabic-widget', 'ltr', 'ar-EG', 'rtl'],
];

jest.setTimeout(180_000);

describe('the widget on left-to-right and right-to-left pages', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin });
  });

  afterAll(async () => {
    await stack?.stop();
    await hosts?.stop();
  });

  test.each(CASES)('%s: a %s page, a %s browser: launcher and panel at the page’s inline end, the panel inside in its language’s direction (%s)', async (name, pageDirection, locale, widgetDirection) => {
    const browser = await launchBrowser(locale);
    try {
      const page = await openHost(browser, name, pageDirection);
      const launcher = 'twilio-webchat button.launcher';
      await page.locator(launcher).waitFor();
      await expectAtInlineEnd(page, pageDirection, launcher);
      await screenshot(page, `page-direction-${name}-closed`);
      await noViolations(page, `${name}, closed`);

      await page.locator(launcher).click();
      await page.locator('#twc-field-friendlyName').waitFor();
      await expectAtInlineEnd(page, pageDirection, 'twilio-webchat .panel');
      await expectAtInlineEnd(page, pageDirection, launcher);
      expect(await page.locator('twilio-webchat .panel').getAttribute('dir')).toBe(widgetDirection);
      expect(await direction(page, 'twilio-webchat .header')).toBe(widgetDirection);
      expect(await direction(page, 'twilio-webchat .body')).toBe(widgetDirection);
      // The title starts where the widget's language starts, whichever side the panel is on.
      const title = await gaps(page, 'twilio-webchat .title');
      const panel = await gaps(page, 'twilio-webchat .panel');
      expect(widgetDirection === 'rtl' ? title.right - panel.right : title.left - panel.left).toBe(16);
      await screenshot(page, `page-direction-${name}-open`);
      await noViolations(page, `${name}, open`);
      expect(browser.problems).toStrictEqual([]);
    } finally {
      await browser.close();
    }
  });
});
