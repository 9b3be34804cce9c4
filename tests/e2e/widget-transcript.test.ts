/**
 * Transcripts in headless Chromium, on a host page with a strict Content-Security-Policy, used with
 * the keyboard alone: download the whole conversation (more than the first page) as text and as a
 * web page, have it emailed once the code sent to the form's address is typed (both land in the
 * emulator's outbox and the desk's Outbox panel), and
 * download it again once the chat has ended. Screenshots: test-artifacts/screenshots/transcript-*.png.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { startStack, type TestStack, strictCsp } from '../support/stack';

const AGENT_NAME = 'Alex from Support';
const HOSTILE = '<img src=x onerror="window.__pwned=1"> & "quotes"';
/** More than the widget's first page (30), so the transcript must page back to have them all. */
const EARLY_MESSAGES = 35;

let stack: TestStack;
let hosts: HostServer;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;

/** What has focus inside the widget: its text or id. */
const focused = (): Promise<string> =>
  page.evaluate(() => {
    const inner = document.activeElement?.shadowRoot?.activeElement;
    return inner ? (inner.textContent?.trim() || inner.id) : '';
  });

/** Presses `key` until the widget's focus is on `label`; fails if it never gets there. */
async function tabTo(label: string, key = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if ((await focused()) === label) return;
    await page.keyboard.press(key);
  }
  throw new Error(`keyboard focus never reached "${label}" (last: "${await focused()}")`);
}

async function downloadWithEnter(): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

async function noViolations(where: string): Promise<void> {
  const violations = (await runAxe(page, [['twilio-webchat']])).map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations }).toStrictEqual({ where, violations: [] });
}

jest.setTimeout(180_000);

describe('transcripts', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin, SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' });
    browser = await launchBrowser();
    page = await browser.newPage();
    const csp = strictCsp(stack);
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script src="${stack.baseUrl}/webchat.js" async></script></head><body><main><a href="#top">Skip</a><h1>Shop</h1></main></body></html>`;
    await page.goto(hosts.setPage('transcript', { headers: { 'Content-Security-Policy': csp }, body }));
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
    await hosts?.stop();
  });

  test('a visitor starts a chat with the keyboard and the agent answers at length', async () => {
    await page.locator('twilio-webchat button.launcher').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.id === 'twc-field-friendlyName');
    await page.keyboard.type('Jane Doe');
    await page.keyboard.press('Tab');
    await page.keyboard.type('jane@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`Where is my order? ${HOSTILE}`);
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .bubble', { hasText: 'Where is my order?' }).waitFor();
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, AGENT_NAME);
    for (let i = 1; i <= EARLY_MESSAGES; i += 1) await agent.sendOverRest(`Update ${i} of ${EARLY_MESSAGES}`);
    await agent.sendFile('invoice-42.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.4'), 'Here is your invoice.');
    await page.locator('twilio-webchat .bubble', { hasText: 'Here is your invoice.' }).waitFor();
    // After a reload the widget resumes with the newest page only.
    await page.reload();
    await page.locator('twilio-webchat .bubble', { hasText: 'Here is your invoice.' }).waitFor();
    // The first update is not on the first page: only paging back can put it in a transcript.
    expect(await page.locator('twilio-webchat .bubble', { hasText: /^Update 1 of/ }).count()).toBe(0);
  });

  test('the transcript menu is reached with the keyboard and downloads the whole chat as text', async () => {
    await tabTo('Transcript');
    const toggle = page.locator('twilio-webchat .transcript-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await tabTo('Download as text');
    await screenshot(page, 'transcript-menu');
    await noViolations('the open transcript menu');
    const { name, text } = await downloadWithEnter();
    expect(name).toMatch(/^chat-transcript-\d{4}-\d{2}-\d{2}\.txt$/);
    const shownNames = new Set(await page.locator('twilio-webchat .author').allTextContents());
    expect(shownNames.has(AGENT_NAME)).toBe(true);
    for (const shown of shownNames) expect(text).toContain(`] ${shown}:`);
    expect(text).not.toContain(agent.identity);
    expect(text).toContain(`Where is my order? ${HOSTILE}`);
    for (let i = 1; i <= EARLY_MESSAGES; i += 1) expect(text).toContain(`  Update ${i} of ${EARLY_MESSAGES}\n`);
    expect(text).toContain('  Attachment: invoice-42.pdf');
    await page.locator('twilio-webchat .transcript-status', { hasText: 'Transcript downloaded.' }).waitFor();
  });

  test('the web page version is self-contained, escaped, and readable on screen and in print', async () => {
    await tabTo('Download as web page');
    const { name, text: html } = await downloadWithEnter();
    expect(name).toMatch(/\.html$/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<html lang="en(-US)?">/);
    expect(html).toContain(`>${AGENT_NAME}<time`);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/<script|<img|<link/i);
    const view = await browser.newPage();
    await view.setContent(html);
    expect(await view.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(undefined);
    await screenshot(view, 'transcript-html');
    await view.emulateMedia({ media: 'print' });
    await screenshot(view, 'transcript-html-print');
    await view.close();
  });

  test('"Email me the transcript" sends it to the form\'s address once the visitor typed the code sent there, into the outbox and the desk\'s Outbox panel', async () => {
    await tabTo('Email me the transcript');
    await page.keyboard.press('Enter');
    // First a code to the address, and a field for it, with focus.
    await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.id === 'twc-code');
    const [codeEmail] = await stack.emulator.outbox();
    expect(codeEmail?.to).toStrictEqual(['jane@example.com']);
    await page.keyboard.type(/Your code is (\d{6})\./.exec(codeEmail?.text ?? '')?.[1] ?? '');
    await page.keyboard.press('Enter');
    const status = page.locator('twilio-webchat .transcript-status');
    await page.waitForFunction(() => {
      const text = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.transcript-status')?.textContent ?? '';
      return text !== '' && !text.startsWith('Preparing');
    });
    expect(await status.textContent()).toContain('on its way');
    const [, email] = await stack.emulator.outbox();
    expect(email?.to).toStrictEqual(['jane@example.com']);
    expect(email?.text).toContain(`${AGENT_NAME}:\n  Here is your invoice.`);
    expect(email?.text).toContain(`Update 1 of ${EARLY_MESSAGES}`);
    const desk = await browser.newPage();
    await desk.goto(stack.emulatorUrl);
    const sent = desk.getByTestId('desk-outbox-email').filter({ hasText: 'Your chat transcript' });
    await sent.waitFor();
    expect(await sent.innerText()).toContain('jane@example.com');
    expect(await sent.innerText()).toContain('Your chat transcript');
    // The HTML body is shown as its source text, never rendered into the desk.
    expect(await desk.locator('[data-testid="desk-outbox"] img, [data-testid="desk-outbox"] iframe').count()).toBe(0);
    await desk.getByTestId('desk-outbox').scrollIntoViewIfNeeded();
    await screenshot(desk, 'transcript-desk-outbox');
    expect(await runAxe(desk, [['[data-testid="desk-outbox"]']])).toStrictEqual([]);
    await desk.close();
  });

  test('once the chat has ended, the transcript is offered beside "Start new chat"', async () => {
    await agent.end();
    await page.locator('twilio-webchat .ended', { hasText: 'This chat has ended.' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.shadowRoot?.activeElement?.textContent === 'Start new chat');
    await tabTo('Download as text');
    const { text } = await downloadWithEnter();
    expect(text).toContain(`  Update 1 of ${EARLY_MESSAGES}\n`);
    expect(text).toContain(`${AGENT_NAME}:\n  Here is your invoice.`);
    await screenshot(page, 'transcript-ended');
    await noViolations('the ended chat with its transcript actions');
    expect(browser.problems).toStrictEqual([]);
  });
});
