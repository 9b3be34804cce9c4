/**
 * Widget settings from the deployment's environment (what a site owner edits in the Twilio
 * Console), read through the webchatConfig Function when the chat opens, under the page's own
 * `initWebchat(config)`. The host page is on another origin, as a customer's site is.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let browser: BrowserSession;
let hosts: HostServer;
/** A site whose origin the deployment does not list in ALLOWED_ORIGINS. */
let strangers: HostServer;

const CONSOLE_SETTINGS = {
  WIDGET_TITLE: 'Talk to Example Outfitters',
  WIDGET_WELCOME_TEXT: 'Hi! Tell us about your order.',
  WIDGET_BRAND_COLOR: '#0a7b3e',
  WIDGET_FORM_FIELDS: '[{"name":"friendlyName","label":"Your name","required":true},{"name":"orderNumber","label":"Order number"},{"name":"query","label":"Question","type":"textarea","required":true}]',
};

/** Opens a host page embedding the loader; `config` is passed to initWebchat by the page, if given. */
async function openHost(name: string, config?: Record<string, unknown>): Promise<Page> {
  const page = await browser.newPage();
  const autoInit = config === undefined ? '' : ' data-auto-init="false"';
  const script = `<script src="${stack.baseUrl}/webchat.js"${autoInit} async></script>`;
  await page.goto(hosts.setPage(name, { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${script}</head><body><h1>Shop</h1></body></html>` }));
  if (config !== undefined) {
    await page.waitForFunction(() => typeof (window as unknown as { Twilio?: { initWebchat?: unknown } }).Twilio?.initWebchat === 'function');
    await page.evaluate((pageConfig) => (window as unknown as { Twilio: { initWebchat(c: unknown): void } }).Twilio.initWebchat(pageConfig), config);
  }
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-field-friendlyName').waitFor();
  return page;
}

const brandOf = (page: Page) => page.locator('twilio-webchat button[type="submit"]').evaluate((el) => getComputedStyle(el).backgroundColor);

jest.setTimeout(180_000);

describe('widget settings from the Console', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    strangers = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin, ...CONSOLE_SETTINGS });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await hosts?.stop();
    await strangers?.stop();
  });

  test('a page that only embeds the script shows the title, text, colour and form fields set in the environment', async () => {
    const page = await openHost('plain');
    expect(await page.locator('twilio-webchat .title').textContent()).toBe(CONSOLE_SETTINGS.WIDGET_TITLE);
    expect(await page.locator('twilio-webchat .form-intro').textContent()).toBe(CONSOLE_SETTINGS.WIDGET_WELCOME_TEXT);
    expect(await page.locator('twilio-webchat label[for="twc-field-orderNumber"]').textContent()).toBe('Order number (optional)');
    expect(await brandOf(page)).toBe('rgb(10, 123, 62)');
    await page.close();
  });

  test("the page's own initWebchat config wins where it says something, the environment fills in the rest", async () => {
    const page = await openHost('configured', { strings: { title: 'Page title' }, theme: { overrides: { '--twc-brand': '#123456' } } });
    expect(await page.locator('twilio-webchat .title').textContent()).toBe('Page title');
    expect(await brandOf(page)).toBe('rgb(18, 52, 86)');
    expect(await page.locator('twilio-webchat .form-intro').textContent()).toBe(CONSOLE_SETTINGS.WIDGET_WELCOME_TEXT);
    await page.close();
  });

  test('on a page whose origin is not allowed, the widget says so when opened and the console names the origin to add', async () => {
    const page = await browser.newPage();
    await page.goto(strangers.setPage('elsewhere', { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other shop</title><script src="${stack.baseUrl}/webchat.js" async></script></head><body><h1>Other shop</h1></body></html>` }));
    await page.locator('twilio-webchat button.launcher').click();
    await page.locator('twilio-webchat .panel', { hasText: 'Chat is not available on this website' }).waitFor();
    expect(await page.locator('#twc-field-friendlyName').count()).toBe(0);
    expect(browser.problems.filter((problem) => problem.includes(`${strangers.origin} is not in ALLOWED_ORIGINS`))).toHaveLength(1);
    // The refusals of the settings and of the start are readable by the page, and say nothing but that.
    const answers = await page.evaluate(async (serverUrl) => {
      const read = async (response: Response) => ({ status: response.status, body: (await response.json()) as unknown });
      const post = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' };
      return [await read(await fetch(`${serverUrl}/webchatConfig`)), await read(await fetch(`${serverUrl}/challenge`, post)), await read(await fetch(`${serverUrl}/initWebchat`, post))];
    }, stack.baseUrl);
    const refusal = { status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED', message: `The origin ${strangers.origin} is not allowed to use this chat.` } } };
    expect(answers).toStrictEqual([refusal, refusal, refusal]);
    await page.close();
  });
});
