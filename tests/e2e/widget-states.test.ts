/**
 * Widget states beyond the happy path, in headless Chromium against the local stack: unread
 * badge and "New messages" marker, paging older messages on scroll, paste and drag-and-drop
 * attachments, a backend failure with its way forward, a saved chat that cannot be resumed, and
 * the token refresh before expiry. Screenshots: test-artifacts/screenshots/states-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';

const SESSION_KEY = 'twilio-webchat:v1:session';
let stack: TestStack;
let browser: BrowserSession;

const bubble = (page: Page, text: string) => page.locator('twilio-webchat .bubble', { hasText: text });

/** A page with empty storage: all pages share the browser's one profile, so storage is cleared. */
async function newVisitor(prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage();
  await prepare?.(page);
  await page.goto(`${stack.baseUrl}/`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  return page;
}

/** Every agent a test started, shut down when the suite ends. */
const agents: EmulatedAgent[] = [];

async function startChat(page: Page, question: string): Promise<EmulatedAgent> {
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-field-friendlyName').fill('Sam Visitor');
  await page.locator('#twc-field-email').fill('sam@example.com');
  await page.locator('#twc-field-query').fill(question);
  await page.locator('#twc-field-query').press('Enter');
  await bubble(page, question).waitFor();
  const conversation = await EmulatedAgent.latestConversation(stack.env);
  const agent = await EmulatedAgent.join(stack.env, conversation.sid, 'Riley');
  agents.push(agent);
  return agent;
}

jest.setTimeout(240_000);

describe('widget states', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.leave()));
    await browser?.close();
    await stack?.stop();
  });

  test('messages that arrive while the panel is closed show on the launcher and behind a marker', async () => {
    const page = await newVisitor();
    const agent = await startChat(page, 'Badge question');
    await page.locator('twilio-webchat button.launcher').click();
    expect(await page.locator('twilio-webchat .panel').isVisible()).toBe(false);
    await agent.send('First while you were away');
    await agent.send('Second while you were away');
    const badge = page.locator('twilio-webchat .badge');
    await page.waitForFunction(() => document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.badge')?.textContent === '2');
    expect(await badge.isVisible()).toBe(true);
    expect(await page.locator('twilio-webchat button.launcher').getAttribute('aria-label')).toBe('Open chat, 2 new');
    await screenshot(page, 'states-01-badge');
    await page.locator('twilio-webchat button.launcher').click();
    const marker = page.locator('twilio-webchat .new-marker');
    await marker.waitFor();
    // The marker sits right before the first message the visitor had not seen.
    const next = await marker.evaluate((el) => el.nextElementSibling?.textContent ?? '');
    expect(next).toMatch(/First while you were away/);
    expect(await badge.isVisible()).toBe(false);
    await screenshot(page, 'states-02-new-messages-marker');
    expect((await runAxe(page, [['twilio-webchat']])).map((v) => v.id)).toStrictEqual([]);
    await page.close();
  });

  test('older messages are paged in when the visitor scrolls to the top', async () => {
    const page = await newVisitor();
    const agent = await startChat(page, 'Paging question');
    for (let i = 1; i <= 40; i += 1) await agent.send(`History line ${i}`);
    await bubble(page, 'History line 40').waitFor();
    await page.reload();
    await bubble(page, 'History line 40').waitFor();
    expect(await bubble(page, 'Paging question').count()).toBe(0);
    const list = page.locator('twilio-webchat .messages');
    const before = await page.locator('twilio-webchat .bubble').count();
    await list.evaluate((el) => {
      el.scrollTop = 0;
    });
    await bubble(page, 'Paging question').waitFor();
    const afterCount = await page.locator('twilio-webchat .bubble').count();
    expect(afterCount > before).toBeTruthy();
    // The visitor keeps their place: the list did not jump back to the top.
    expect((await list.evaluate((el) => el.scrollTop)) > 0).toBeTruthy();
    await screenshot(page, 'states-03-paged-history');
    await page.close();
  });

  test('files can be pasted and dropped into the chat', async () => {
    const page = await newVisitor();
    await startChat(page, 'Paste question');
    await page.locator('#twc-composer').focus();
    await page.locator('#twc-composer').evaluate((el) => {
      const data = new DataTransfer();
      data.items.add(new File(['pasted text'], 'pasted.txt', { type: 'text/plain' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.locator('twilio-webchat .chip', { hasText: 'pasted.txt' }).waitFor();
    await page.locator('twilio-webchat .chat').evaluate((el) => {
      const data = new DataTransfer();
      data.items.add(new File(['%PDF-1.4'], 'dropped.pdf', { type: 'application/pdf' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await page.locator('twilio-webchat .chip', { hasText: 'dropped.pdf' }).waitFor();
    await screenshot(page, 'states-04-pasted-and-dropped');
    await page.locator('twilio-webchat .chip-remove').first().click();
    expect(await page.locator('twilio-webchat .chip').count()).toBe(1);
    await page.locator('#twc-composer').press('Enter');
    await page.locator('twilio-webchat a.media.file', { hasText: 'dropped.pdf' }).waitFor();
    await page.close();
  });

  test('a backend failure keeps the form filled in and says what to do', async () => {
    const page = await newVisitor();
    await stack.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', status: 500, code: 20500, times: 1 });
    await page.locator('twilio-webchat button.launcher').click();
    await page.locator('#twc-field-friendlyName').fill('Failing Visitor');
    await page.locator('#twc-field-email').fill('fail@example.com');
    await page.locator('#twc-field-query').fill('Will this work?');
    await page.locator('#twc-field-query').press('Enter');
    const error = page.locator('twilio-webchat .form-error');
    await error.waitFor();
    expect((await error.textContent()) ?? '').toMatch(/try again/i);
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await page.locator('#twc-field-query').inputValue()).toBe('Will this work?');
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBe(null);
    await screenshot(page, 'states-05-backend-error');
    // The way forward works: the same submit succeeds once Twilio is back.
    await page.locator('twilio-webchat button[type="submit"]').click();
    await bubble(page, 'Will this work?').waitFor();
    await page.close();
  });

  test('a saved chat that cannot be resumed falls back to the form with a notice', async () => {
    const page = await newVisitor();
    await startChat(page, 'Resume question');
    await page.evaluate((key) => {
      const saved = JSON.parse(localStorage.getItem(key) ?? '{}') as { token: string; expiration: string };
      // A token from another deployment: forged signature, already expired.
      saved.token = `${saved.token.split('.').slice(0, 2).join('.')}.forged`;
      saved.expiration = new Date(Date.now() - 60_000).toISOString();
      localStorage.setItem(key, JSON.stringify(saved));
    }, SESSION_KEY);
    await page.reload();
    const notice = page.locator('twilio-webchat .form-notice');
    await notice.waitFor();
    expect((await notice.textContent()) ?? '').toMatch(/could not resume/);
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBe(null);
    await screenshot(page, 'states-06-resume-failed');
    await page.close();
  });

  test('the token is refreshed through refreshToken before it expires and the chat goes on', async () => {
    const page = await newVisitor(async (p) => {
      // A controllable clock whose time otherwise flows like the real one.
      await p.clock.install();
      await p.clock.resume();
    });
    const refreshes: number[] = [];
    let inFlight = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/refreshToken')) inFlight += 1;
    });
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/refreshToken')) inFlight -= 1;
    });
    page.on('response', (response) => {
      if (response.url().endsWith('/refreshToken')) refreshes.push(response.status());
    });
    const agent = await startChat(page, 'Refresh question');
    // TOKEN_TTL_SECONDS is 3600 in the test stack; the widget renews about two minutes ahead.
    await page.clock.fastForward('58:30');
    // Polled from here: with the page's clock faked, in-page polling (timers, animation frames)
    // would stall. (The token itself may come back identical: same identity, same second.)
    const deadline = Date.now() + 15_000;
    while (refreshes.length === 0 || inFlight > 0) {
      expect(Date.now() < deadline).toBeTruthy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(refreshes.length >= 1 && refreshes.every((status) => status === 200)).toBeTruthy();
    await agent.send('Still connected after the refresh');
    await bubble(page, 'Still connected after the refresh').waitFor();
    // The page's clock is now ~an hour ahead of the server's: no refresh loop may follow.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(refreshes.length <= 2).toBeTruthy();
    // A Function still running when the stack stops leaves its twilio-run runner process behind,
    // which keeps this test process alive: let every refresh finish first.
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await page.close();
  });
});
