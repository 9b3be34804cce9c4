/**
 * One chat in two tabs of one browser (they share localStorage), in headless Chromium on the real
 * Conversations SDK against the local stack, with only one tab offline (DevTools' network
 * emulation for that page alone): what one tab queued is sent once, by one tab, even when the
 * other tab sends too, reloads, or the tab that queued it is closed. What arrived is checked with
 * the real twilio library over REST.
 */
import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, setOffline, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';
import { startChatAs } from '../support/visitor';

let stack: TestStack;
let browser: BrowserSession;
let agent: EmulatedAgent;
/** The tabs a test opened, closed after it. */
let tabs: Page[] = [];

const composer = (page: Page) => page.locator('#twc-composer');
const pending = (page: Page) => page.locator('twilio-webchat .message.pending');
/** Messages shown as arrived in the conversation (not ones still waiting in the outbox). */
const arrived = (page: Page, text: string) => page.locator('twilio-webchat .message:not(.pending) .bubble', { hasText: text });

/** Shown once the SDK has seen the network go (it closes its socket then): what is sent from now on waits. */
const offlineBanner = (page: Page) => page.locator('twilio-webchat .banner', { hasText: 'You are offline' });

async function sendText(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** A second tab on the chat: the session is shared, so opening the panel resumes the same conversation. */
async function openTab(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack.baseUrl}/`);
  await page.locator('twilio-webchat button.launcher').click();
  await composer(page).waitFor();
  tabs.push(page);
  return page;
}

jest.setTimeout(120_000);

describe('one chat in two tabs', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    const starter = await browser.newPage();
    await startChatAs(starter, stack.baseUrl, { name: 'Ada', email: 'ada@example.com', question: 'Two tabs, one chat?' });
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
    await starter.close();
  });

  afterEach(async () => {
    await Promise.all(tabs.map((tab) => tab.close()));
    tabs = [];
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  test('what an offline tab queued survives the other tab sending, and is sent once after the offline tab is closed', async () => {
    const a = await openTab();
    const b = await openTab();
    await setOffline(a, true);
    await offlineBanner(a).waitFor();
    await sendText(a, 'Q1 queued in tab A');
    await sendText(a, 'Q2 queued in tab A');
    await pending(a).nth(1).waitFor();
    await expect(pending(a).locator('.bubble').allTextContents()).resolves.toStrictEqual(['Q1 queued in tab A', 'Q2 queued in tab A']);
    await expect(pending(a).locator('.receipt').allTextContents()).resolves.toStrictEqual(['Waiting for connection', 'Waiting for connection']);
    await sendText(b, 'Sent from tab B');
    await arrived(b, 'Sent from tab B').first().waitFor();

    await a.close();
    const reopened = await openTab();
    await arrived(reopened, 'Q2 queued in tab A').first().waitFor();
    await arrived(b, 'Q2 queued in tab A').first().waitFor();
    expect(await agent.delivered(['Q1 queued in tab A', 'Q2 queued in tab A', 'Sent from tab B'])).toStrictEqual([
      'Sent from tab B',
      'Q1 queued in tab A',
      'Q2 queued in tab A',
    ]);
    await pending(reopened).first().waitFor({ state: 'detached' });
    await pending(b).first().waitFor({ state: 'detached' });
    expect(await arrived(b, 'Q1 queued in tab A').count()).toBe(1);
  });

  test('a message queued in an offline tab is sent once, not again by another tab that reloads meanwhile', async () => {
    const a = await openTab();
    const b = await openTab();
    await setOffline(a, true);
    await offlineBanner(a).waitFor();
    await sendText(a, 'Queued once in tab A');
    await pending(a).waitFor();
    await b.reload();
    await composer(b).waitFor();
    await sendText(b, 'B is back');
    await arrived(b, 'B is back').first().waitFor();

    await setOffline(a, false);
    await arrived(a, 'Queued once in tab A').first().waitFor();
    await pending(a).waitFor({ state: 'detached' });
    // Both tabs' outboxes are empty: nothing more will be sent.
    expect(await pending(b).count()).toBe(0);
    await arrived(b, 'Queued once in tab A').first().waitFor();
    expect(await agent.delivered(['Queued once in tab A'])).toStrictEqual(['Queued once in tab A']);
    expect([await arrived(a, 'Queued once in tab A').count(), await arrived(b, 'Queued once in tab A').count()]).toStrictEqual([1, 1]);
  });
});
