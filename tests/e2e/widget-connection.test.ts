/**
 * The connection going wrong mid-chat, in headless Chromium on the real Conversations SDK against
 * the local stack: the emulator cuts the widget's WebSocket (and refuses it for a while) or ends it
 * with "token expired", as Twilio would. Screenshots: test-artifacts/screenshots/connection-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';
import { startChatAs } from '../support/visitor';

const SESSION_KEY = 'twilio-webchat:v1:session';
let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;

const bubble = (text: string) => page.locator('twilio-webchat .bubble', { hasText: text });
const banner = () => page.locator('twilio-webchat .banner');

jest.setTimeout(120_000);

describe('the connection mid-chat', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    await startChatAs(page, stack.baseUrl, { name: 'Robin', email: 'robin@example.com', question: 'Is my parcel lost?' });
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
    await agent.send('Let me look.');
    await bubble('Let me look.').waitFor();
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  test('a dropped connection shows "reconnecting", then catches up with nothing lost or shown twice', async () => {
    const before = await page.locator('twilio-webchat .bubble').count();
    // The service stays unreachable for two attempts, so the visitor has time to see it.
    await stack.emulator.realtimeFault({ refuseConnections: 2 });
    await stack.emulator.dropSockets();
    await banner().filter({ hasText: 'Reconnecting' }).waitFor();
    await screenshot(page, 'connection-01-reconnecting');
    await agent.sendOverRest('Found it while you were offline.');
    await bubble('Found it while you were offline.').waitFor();
    await banner().filter({ hasText: 'Connection restored' }).waitFor();
    expect(await page.locator('twilio-webchat .bubble').count()).toBe(before + 1);
    expect(await bubble('Found it while you were offline.').count()).toBe(1);

    await page.locator('#twc-composer').fill('Great, thanks');
    const received = agent.nextMessage((message) => message.body === 'Great, thanks');
    await page.locator('#twc-composer').press('Enter');
    await received;
    await screenshot(page, 'connection-02-restored');
  });

  test('a token that expires mid-chat is renewed without the visitor noticing', async () => {
    const oldToken = await page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { token: string }).token, SESSION_KEY);
    // Every text the connection banner shows from now on.
    await page.evaluate(() => {
      const banner = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.banner');
      if (!banner) throw new Error('no connection banner');
      const seen: string[] = [];
      (window as unknown as { bannerTexts: string[] }).bannerTexts = seen;
      new MutationObserver(() => seen.push(banner.textContent ?? '')).observe(banner, { childList: true, characterData: true, subtree: true });
    });
    const renewed = page.waitForResponse((response) => response.url().endsWith('/refreshToken') && response.status() === 200);
    await stack.emulator.expireTokens();
    await renewed;
    await page.waitForFunction(
      ([key, old]) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { token?: string }).token !== old,
      [SESSION_KEY, oldToken] as const,
    );
    await agent.sendOverRest('Your parcel arrives tomorrow.');
    await bubble('Your parcel arrives tomorrow.').waitFor();
    const received = agent.nextMessage((message) => message.body === 'Thank you!');
    await page.locator('#twc-composer').fill('Thank you!');
    await page.locator('#twc-composer').press('Enter');
    await received;
    expect(await page.locator('twilio-webchat .status-view').count()).toBe(0);
    const shown = await page.evaluate(() => (window as unknown as { bannerTexts: string[] }).bannerTexts);
    expect(shown.filter((text) => /offline|expired/i.test(text))).toStrictEqual([]);
    expect(await page.locator('#twc-composer').isEditable()).toBe(true);
    await screenshot(page, 'connection-03-token-renewed');
  });

  test('a tab shown again while its connection is down reconnects at once, not after the SDK\'s growing wait', async () => {
    // The page's timers are Playwright's, to be paused.
    const tab = await browser.newPage();
    await tab.clock.install();
    await tab.goto(`${stack.baseUrl}/`);
    await tab.locator('twilio-webchat button.launcher').click();
    await tab.locator('#twc-composer').waitFor();
    await tab.locator('twilio-webchat .banner', { hasText: 'Connecting' }).waitFor({ state: 'detached' });
    await stack.emulator.realtimeFault({ refuseConnections: 1000 });
    await stack.emulator.dropSockets();
    await tab.locator('twilio-webchat .banner', { hasText: 'Reconnecting' }).waitFor();
    // From here on no timer of the page fires: the SDK never reaches its next attempt by itself.
    await tab.clock.pauseAt(await tab.evaluate(() => Date.now() + 500));
    await stack.emulator.clearRealtimeFaults();
    const attempt = tab.waitForEvent('websocket');
    await tab.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    // A new socket with every timer of the page still paused: the attempt did not wait for one.
    await attempt;
    await tab.clock.resume();
    await tab.locator('twilio-webchat .banner', { hasText: 'Connection restored' }).waitFor();
    await tab.close();
  });
});
