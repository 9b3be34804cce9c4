/**
 * The visitor's whole journey in headless Chromium against the local stack (emulator +
 * twilio-run serving dist/), with the agent played through the emulator, as README's "Try it locally" describes.
 * Screenshots of each state land in test-artifacts/screenshots/journey-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';

const SESSION_KEY = 'twilio-webchat:v1:session';
const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
/** Desk display names are at most 64 characters. */
const AGENT_NAME = 'Alex <img src=x onerror="window.__pwned=3">';

let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;
const requested: string[] = [];
const dialogs: string[] = [];

async function noViolations(where: string): Promise<void> {
  const violations = await runAxe(page, [['twilio-webchat']]);
  const found = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations: found }).toStrictEqual({ where, violations: [] });
}

async function assertInert(): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(undefined);
  expect(dialogs).toStrictEqual([]);
  expect(await page.locator('twilio-webchat img[src="x"], twilio-webchat script').count()).toBe(0);
}

const bubble = (text: string) => page.locator('twilio-webchat .bubble', { hasText: text });

jest.setTimeout(180_000);

describe('visitor journey', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('request', (request) => requested.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  // The app chunk may be prefetched once the page is idle (tests/e2e/widget-prefetch.test.ts); the SDK and storage wait for the visitor.
  test('the host page loads no Conversations SDK and stores nothing until the visitor starts', async () => {
    await page.goto(`${stack.baseUrl}/`);
    const launcher = page.locator('twilio-webchat button.launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => url.includes('/webchat/conversations-transport'))).toStrictEqual([]);
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBe(null);
    await screenshot(page, 'journey-01-launcher');
    await noViolations('the launcher');
  });

  test('the form validates inline and keeps the visitor on it', async () => {
    // Reads where focus is at the very moment the first field enters the page, so a keystroke
    // typed as the form appears cannot land anywhere else.
    await page.evaluate(() => {
      const root = document.querySelector('twilio-webchat')?.shadowRoot;
      if (!root) throw new Error('no widget shadow root');
      const probe = window as unknown as { focusOnArrival?: Promise<string | undefined> };
      probe.focusOnArrival = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (root.getElementById('twc-field-friendlyName') === null) return;
          observer.disconnect();
          resolve(root.activeElement?.id);
        });
        observer.observe(root, { childList: true, subtree: true });
      });
    });
    await page.locator('twilio-webchat button.launcher').click();
    expect(await page.evaluate(() => (window as unknown as { focusOnArrival: Promise<string | undefined> }).focusOnArrival)).toBe('twc-field-friendlyName');
    const name = page.locator('#twc-field-friendlyName');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe('twc-field-friendlyName');
    await screenshot(page, 'journey-02-form');
    await noViolations('the form');

    await page.locator('twilio-webchat button[type="submit"]').click();
    await page.locator('#twc-field-friendlyName-error').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('twc-field-friendlyName-error');
    await page.locator('#twc-field-email').fill('not-an-email');
    await page.locator('#twc-field-query').press('Enter');
    expect((await page.locator('#twc-field-email-error').textContent()) ?? '').toMatch(/valid email/);
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBe(null);
    await screenshot(page, 'journey-03-form-errors');
    await noViolations('the form with errors');
  });

  test('starting shows the question and the welcome, and saves the session', async () => {
    await page.locator('#twc-field-friendlyName').fill(`Jane ${PAYLOAD}`);
    await page.locator('#twc-field-email').fill('jane@example.com');
    await page.locator('#twc-field-query').fill(`Where is my order? ${PAYLOAD} https://example.com/orders/42`);
    await page.locator('#twc-field-query').press('Enter');
    await bubble('Where is my order?').waitFor();
    // The welcome is the chat service's notice, not an agent's message.
    await page.locator('twilio-webchat .notice', { hasText: 'An agent will be with you' }).waitFor();
    expect(await page.locator('twilio-webchat .message', { hasText: 'An agent will be with you' }).count()).toBe(0);
    const link = bubble('Where is my order?').locator('a');
    expect(await link.getAttribute('href')).toBe('https://example.com/orders/42');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect((await bubble('Where is my order?').textContent())?.includes(PAYLOAD)).toBeTruthy();
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).not.toBe(null);
    const composer = page.locator('#twc-composer');
    await page.waitForFunction(() => {
      const root = document.querySelector('twilio-webchat')?.shadowRoot;
      return root?.activeElement?.id === 'twc-composer';
    });
    expect(await composer.getAttribute('readonly')).toBe(null);
    await assertInert();
    await screenshot(page, 'journey-04-chat-started');
    await noViolations('the chat');
  });

  test('the agent joins and replies under their display name, never their identity', async () => {
    const conversation = await EmulatedAgent.latestConversation(stack.env);
    agent = await EmulatedAgent.join(stack.env, conversation.sid, AGENT_NAME);
    await agent.typing();
    await page.locator('twilio-webchat .typing', { hasText: 'is typing' }).waitFor();
    expect((await page.locator('twilio-webchat .typing').textContent()) ?? '').toMatch(/^Alex <img/);
    await screenshot(page, 'journey-05-agent-typing');
    await agent.send('Hi Jane, I am Alex. Let me check <b>that</b> for you.');
    await bubble('Let me check').waitFor();
    const authors = await page.locator('twilio-webchat .author').allTextContents();
    expect(authors.includes(AGENT_NAME)).toBeTruthy();
    expect(!authors.some((a) => a.includes(agent.identity))).toBeTruthy();
    await agent.sendOverRest('Sent through the REST API.');
    await bubble('Sent through the REST API.').waitFor();
    await assertInert();
    await screenshot(page, 'journey-06-agent-replied');
  });

  test('a participant named in its participant attributes shows under that name', async () => {
    const identity = await EmulatedAgent.postAsNamedParticipant(stack.env, agent.conversationSid, 'Lee', 'Lee here too.');
    await bubble('Lee here too.').waitFor();
    const authors = await page.locator('twilio-webchat .author').allTextContents();
    expect(authors.includes('Lee')).toBeTruthy();
    expect(!authors.some((a) => a.includes(identity))).toBeTruthy();
  });

  test('typing and read receipts work both ways', async () => {
    // Visitor → agent: typing reaches the agent's SDK client.
    const visitorTyping = agent.someoneTyping();
    const thanks = agent.nextMessage((message) => message.body === 'Thanks');
    await page.locator('#twc-composer').pressSequentially('Thanks', { delay: 20 });
    await visitorTyping;
    await page.locator('#twc-composer').press('Enter');
    await bubble('Thanks').waitFor();
    expect(await page.locator('#twc-composer').inputValue()).toBe('');
    await page.locator('twilio-webchat .receipt', { hasText: 'Sent' }).waitFor();

    // The visitor is looking at the newest messages, so their read horizon moved past the agent's.
    const me = (await agent.participants()).find((p) => p.identity !== agent.identity);
    expect((me?.lastReadMessageIndex ?? -1) >= 3).toBeTruthy();

    // Agent → visitor: the read receipt under the visitor's last message.
    await agent.read((await thanks).index);
    await page.locator('twilio-webchat .receipt', { hasText: 'Read' }).waitFor();
    expect(await page.locator('twilio-webchat .receipt').count()).toBe(1);
    await screenshot(page, 'journey-07-read-receipt');
  });

  test('attachments go both ways, with checks before upload', async () => {
    const input = page.locator('twilio-webchat input[type="file"]');
    await input.setInputFiles([
      { name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
      { name: `receipt ${PAYLOAD}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') },
    ]);
    await page.locator('twilio-webchat .composer-errors', { hasText: 'virus.exe' }).waitFor();
    const chip = page.locator('twilio-webchat .chip');
    expect(await chip.count()).toBe(1);
    expect((await chip.textContent())?.includes(`receipt ${PAYLOAD}.pdf`)).toBeTruthy();
    await screenshot(page, 'journey-08-attachment-chip');
    const withFile = agent.nextMessage((message) => (message.attachedMedia ?? []).length > 0);
    await page.locator('twilio-webchat button.send').click();
    expect((await withFile).attachedMedia?.[0]?.filename).toBe(`receipt ${PAYLOAD}.pdf`);
    await page.locator('twilio-webchat a.media.file', { hasText: 'receipt' }).waitFor();
    expect(await chip.count()).toBe(0);

    const png = await page.screenshot({ clip: { x: 0, y: 0, width: 48, height: 32 } });
    await agent.sendFile(`photo ${PAYLOAD}.png`, 'image/png', new Uint8Array(png), 'Here is a photo');
    const image = page.locator('twilio-webchat a.media.image img');
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector<HTMLImageElement>('a.media.image img');
      return img !== null && img !== undefined && img.complete && img.naturalWidth === 48;
    });
    const href = await page.locator('twilio-webchat a.media.image').getAttribute('href');
    expect(href?.startsWith(stack.emulatorUrl)).toBeTruthy();
    await assertInert();
    await screenshot(page, 'journey-09-attachments');
    await noViolations('the chat with attachments');
  });

  test('a reload resumes the same chat with the panel still open', async () => {
    const before = await page.locator('twilio-webchat .bubble').count();
    await page.reload();
    await bubble('Here is a photo').waitFor();
    expect(await page.locator('twilio-webchat .panel').isVisible()).toBe(true);
    expect(await page.locator('twilio-webchat .bubble').count()).toBe(before);
    expect(await page.locator('#twc-field-friendlyName').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TWILIO-WEBCHAT');
    await agent.send('Still there after your reload?');
    await bubble('Still there after your reload?').waitFor();
    await screenshot(page, 'journey-10-resumed');
  });

  test('when the agent ends the chat, the visitor can start a new one', async () => {
    await agent.end();
    const startNew = page.locator('twilio-webchat button', { hasText: 'Start new chat' });
    await startNew.waitFor();
    expect(await page.locator('#twc-composer').count()).toBe(0);
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBe(null);
    await screenshot(page, 'journey-11-ended');
    await noViolations('the ended chat');
    await startNew.click();
    const name = page.locator('#twc-field-friendlyName');
    await name.waitFor();
    expect(await name.inputValue()).toBe(`Jane ${PAYLOAD}`);
    expect(await page.locator('#twc-field-query').inputValue()).toBe('');
    await page.locator('#twc-field-query').fill('A second question');
    await page.locator('#twc-field-query').press('Enter');
    await bubble('A second question').waitFor();
    const conversation = await EmulatedAgent.latestConversation(stack.env);
    expect(conversation.sid).not.toBe(agent.conversationSid);
    await assertInert();
    await screenshot(page, 'journey-12-new-chat');
    expect(browser.problems.filter((p) => !p.includes('favicon'))).toStrictEqual([]);
  });
});
