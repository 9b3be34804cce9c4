/**
 * Sending while offline, in headless Chromium on the real Conversations SDK against the local
 * stack: the emulator refuses the widget's WebSocket (as an unreachable service would), the visitor
 * keeps typing and sending, reloads, and everything arrives once when the service is back; a message
 * Twilio refuses offers Retry; without a network (DevTools' emulation) the banner says so; a stalled
 * send says it is taking long; what is left unsent when the chat ends is offered in the next one.
 * What arrived is checked with the real twilio library over REST.
 * Screenshots: test-artifacts/screenshots/offline-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, runAxe, screenshot, setOffline, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';
import { startChatAs } from '../support/visitor';

/** Each page's outbox is kept under this prefix (widget-src/app/outbox/outbox-storage.ts). */
const OUTBOX_PREFIX = 'twilio-webchat:v1:outbox:';
let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;

const composer = () => page.locator('#twc-composer');
const pending = () => page.locator('twilio-webchat .message.pending');
/** A message shown as arrived in the conversation (not one still waiting in the outbox). */
const arrived = (text: string) => page.locator('twilio-webchat .message:not(.pending) .bubble', { hasText: text });
const axeIds = async () => (await runAxe(page, [['twilio-webchat']])).map((v) => v.id);

async function sendText(text: string): Promise<void> {
  await composer().fill(text);
  await composer().press('Enter');
}

jest.setTimeout(120_000);

describe('sending while offline', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    await startChatAs(page, stack.baseUrl, { name: 'Sam', email: 'sam@example.com', question: 'Can I change my order?' });
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  test('messages sent offline wait in order, survive a reload with the draft, then arrive exactly once each', async () => {
    // Unreachable until cleared: every reconnection attempt is refused.
    await stack.emulator.realtimeFault({ refuseConnections: 1000 });
    await stack.emulator.dropSockets();
    await page.locator('twilio-webchat .banner', { hasText: 'Reconnecting' }).waitFor();
    await sendText('First, while offline');
    await sendText('Second, while offline');
    await expect(pending().locator('.bubble').allTextContents()).resolves.toStrictEqual(['First, while offline', 'Second, while offline']);
    await expect(pending().locator('.receipt').allTextContents()).resolves.toStrictEqual(['Waiting for connection', 'Waiting for connection']);
    await composer().fill('A draft I keep');
    await screenshot(page, 'offline-01-pending');
    expect(await axeIds()).toStrictEqual([]);

    await page.reload();
    // The page's outbox moves to the reloaded page's key in one task: read in one, there is one.
    const saved = await page.evaluate(
      (prefix) => Object.keys(localStorage).flatMap((key) => (key.startsWith(prefix) ? [JSON.parse(localStorage.getItem(key) ?? 'null') as { draft: string; messages: Array<{ body: string }> }] : [])),
      OUTBOX_PREFIX,
    );
    expect(saved.map((s) => [s.draft, s.messages.map((m) => m.body)])).toStrictEqual([['A draft I keep', ['First, while offline', 'Second, while offline']]]);

    await stack.emulator.clearRealtimeFaults();
    await arrived('Second, while offline').waitFor();
    await pending().first().waitFor({ state: 'detached' });
    expect(await composer().inputValue()).toBe('A draft I keep');
    expect(await agent.delivered(['First, while offline', 'Second, while offline'])).toStrictEqual(['First, while offline', 'Second, while offline']);
    await screenshot(page, 'offline-02-delivered');
    // Sent means gone from storage; only the draft stays.
    await composer().fill('');
    expect(await page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), OUTBOX_PREFIX)).toStrictEqual([]);
  });

  test('a message Twilio refuses shows "Not sent" with Retry, reachable by keyboard, holds the next one back, and Retry sends both once, in order', async () => {
    await stack.emulator.realtimeFault({
      failRequests: { method: 'POST', path: '/Conversations/CH[0-9a-f]{32}/Messages$', status: 400, code: 50_000, message: 'Refused for the test', times: 1 },
    });
    await sendText('Refused the first time');
    const retry = page.getByRole('button', { name: 'Retry sending “Refused the first time”' });
    await retry.waitFor();
    await sendText('Typed after it');
    await expect(pending().locator('.receipt').allTextContents()).resolves.toStrictEqual([expect.stringContaining('Not sent'), 'Waits for the message above']);
    await screenshot(page, 'offline-03-not-sent');
    expect(await axeIds()).toStrictEqual([]);

    const focused = () => retry.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);
    await composer().focus();
    // Backwards from the composer, through the message list's controls, until Retry has the focus.
    for (let step = 0; step < 5 && !(await focused()); step += 1) await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(true);
    await page.keyboard.press('Enter');
    await arrived('Typed after it').waitFor();
    expect(await pending().count()).toBe(0);
    expect(await agent.delivered(['Refused the first time', 'Typed after it'])).toStrictEqual(['Refused the first time', 'Typed after it']);
    await screenshot(page, 'offline-04-retried');
  });

  test('without a network the banner says the visitor is offline, and the chat comes back with it', async () => {
    await setOffline(page, true);
    await page.locator('twilio-webchat .banner', { hasText: 'You are offline' }).waitFor();
    await sendText('Typed without a network');
    await setOffline(page, false);
    await page.locator('twilio-webchat .banner', { hasText: 'Connection restored' }).waitFor();
    await arrived('Typed without a network').waitFor();
    expect(await agent.delivered(['Typed without a network'])).toStrictEqual(['Typed without a network']);
  });

  test('a send that stalls says it is taking long, then arrives once', async () => {
    // Twilio's answers (and the message's echo) are held back for a while: the send hangs.
    await stack.emulator.realtimeFault({ frameDelayMs: 9_000 });
    await sendText('Sent into a slow line');
    await pending().locator('.receipt', { hasText: 'taking longer than usual' }).waitFor();
    await screenshot(page, 'offline-05-slow');
    await stack.emulator.clearRealtimeFaults();
    await arrived('Sent into a slow line').waitFor();
    await pending().waitFor({ state: 'detached' });
    expect(await agent.delivered(['Sent into a slow line'])).toStrictEqual(['Sent into a slow line']);
  });

  test('a message left unsent when the chat ends says so, and its text is in the box of the next chat', async () => {
    await stack.emulator.realtimeFault({
      failRequests: { method: 'POST', path: '/Conversations/CH[0-9a-f]{32}/Messages$', status: 400, code: 50_000, message: 'Refused for the test', times: 1 },
    });
    await sendText('Left when the chat ended');
    await page.getByRole('button', { name: 'Retry sending “Left when the chat ended”' }).waitFor();
    await agent.end();
    await page.locator('twilio-webchat div.ended').waitFor();
    expect(await pending().locator('.receipt').allTextContents()).toStrictEqual(['Not sent: the chat ended. It will be in your next chat.']);
    expect(await axeIds()).toStrictEqual([]);
    await screenshot(page, 'offline-06-ended-unsent');

    await page.getByRole('button', { name: 'Start new chat' }).click();
    await page.locator('#twc-field-query').fill('A new question');
    await page.locator('#twc-field-query').press('Enter');
    await page.locator('twilio-webchat .bubble', { hasText: 'A new question' }).waitFor();
    expect(await composer().inputValue()).toBe('Left when the chat ended');
    expect(await pending().count()).toBe(0);
  });
});
