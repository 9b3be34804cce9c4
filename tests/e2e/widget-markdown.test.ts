/**
 * An agent's Markdown in headless Chromium against the local stack, the agent played with the
 * real twilio library: formatting becomes elements, HTML and unsafe links stay text.
 * Screenshots: test-artifacts/screenshots/markdown-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';

const FORMATTED = [
  'Your order is **on its way**, _almost_ there. Run `track --id 42` or see [the tracker](https://example.com/track).',
  'You will need:',
  '- your **order number**',
  '- the email you used',
  '1. Open the link',
  '2. Enter the code',
  '```',
  '  <b>literal</b> **kept**',
  '```',
].join('\n');
const HTML = '<img src=x onerror=alert(1)>';
const UNSAFE_LINK = '[x](javascript:alert(1))';

let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;
const dialogs: string[] = [];

const bubble = (text: string) => page.locator('twilio-webchat .bubble', { hasText: text });

jest.setTimeout(120_000);

describe("an agent's Markdown", () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${stack.baseUrl}/`);
    await page.locator('twilio-webchat button.launcher').click();
    await page.locator('#twc-field-friendlyName').fill('Sam');
    await page.locator('#twc-field-email').fill('sam@example.com');
    await page.locator('#twc-field-query').fill('Where is my parcel?');
    await page.locator('#twc-field-query').press('Enter');
    await bubble('Where is my parcel?').waitFor();
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  test('bold, italic, code, lists, code blocks and links become elements', async () => {
    await agent.sendOverRest(FORMATTED);
    const message = bubble('Your order is');
    await message.waitFor();
    expect(await message.locator('strong').allTextContents()).toStrictEqual(['on its way', 'order number']);
    expect(await message.locator('em').allTextContents()).toStrictEqual(['almost']);
    expect(await message.locator(':scope > code').allTextContents()).toStrictEqual(['track --id 42']);
    expect(await message.locator('ul > li').allTextContents()).toStrictEqual(['your order number', 'the email you used']);
    expect(await message.locator('ol > li').allTextContents()).toStrictEqual(['Open the link', 'Enter the code']);
    expect(await message.locator('pre > code').textContent()).toBe('  <b>literal</b> **kept**');
    expect(await message.locator('pre b').count()).toBe(0);
    const link = message.locator('a');
    expect(await link.count()).toBe(1);
    expect(await link.textContent()).toBe('the tracker');
    expect(await link.getAttribute('href')).toBe('https://example.com/track');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await message.textContent()).toBe(
      'Your order is on its way, almost there. Run track --id 42 or see the tracker.\nYou will need:' +
        'your order numberthe email you usedOpen the linkEnter the code  <b>literal</b> **kept**',
    );
    await screenshot(page, 'markdown-01-formatted');
    const violations = await runAxe(page, [['twilio-webchat']]);
    expect(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toStrictEqual([]);
  });

  test('HTML and a javascript: link show as the text that was typed, creating no element', async () => {
    await agent.sendOverRest(HTML);
    await agent.sendOverRest(UNSAFE_LINK);
    for (const text of [HTML, UNSAFE_LINK]) {
      const message = bubble(text);
      await message.waitFor();
      expect(await message.textContent()).toBe(text);
      expect(await message.locator('*').count()).toBe(0);
    }
    expect(await page.locator('twilio-webchat img[src="x"], twilio-webchat a[href^="javascript"]').count()).toBe(0);
    expect(dialogs).toStrictEqual([]);
    await screenshot(page, 'markdown-02-literal');
    // The same messages in the dark theme: the host element's attribute the theme sets.
    await page.locator('twilio-webchat').evaluate((host) => host.setAttribute('data-theme', 'dark'));
    await screenshot(page, 'markdown-03-dark');
  });
});
