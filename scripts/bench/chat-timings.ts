/**
 * The visitor's waits on the real product (twilio-run serving the build, the real Conversations
 * SDK in Chromium, the emulator standing in for Twilio), on simulated Fast 4G:
 * click → form (cold, and after the launcher was hovered so the app was prefetched),
 * submit → chat usable (composer enabled), send → echo (the message back from the server).
 */
import type { Browser } from 'playwright-core';
import { freshPage } from './chromium';
import { CHAT_USABLE, appChunkLoaded, saveData, timeUntil } from './in-page';
import { summarize, type Summary } from './stats';

export interface ChatTimings {
  clickToFormCold: Summary;
  clickToFormPrefetched: Summary;
  submitToChatUsable: Summary;
  sendToEcho: Summary;
}

const FORM = '#twc-field-friendlyName';

export async function measureChatTimings(browser: Browser, pageUrl: string, runs: number): Promise<ChatTimings> {
  const cold: number[] = [];
  const prefetched: number[] = [];
  const usable: number[] = [];
  const echo: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const first = await freshPage(browser, true);
    await saveData(first.page);
    await first.page.goto(pageUrl, { waitUntil: 'load' });
    await first.page.locator('twilio-webchat button.launcher').waitFor();
    cold.push(await timeUntil(first.page, 'open', FORM));
    await first.context.close();

    const { context, page } = await freshPage(browser, true);
    await saveData(page);
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.locator('twilio-webchat button.launcher').hover();
    await appChunkLoaded(page);
    prefetched.push(await timeUntil(page, 'open', FORM));

    await page.locator(FORM).fill('Bench Visitor');
    await page.locator('#twc-field-email').fill('bench@example.com');
    await page.locator('#twc-field-query').fill(`Bench question ${i}`);
    usable.push(await timeUntil(page, 'submit-form', CHAT_USABLE));

    const text = `Echo ${i} ${Date.now()}`;
    await page.locator('#twc-composer').fill(text);
    echo.push(await timeUntil(page, 'send', '.message.mine .bubble', text));
    await context.close();
  }
  return {
    clickToFormCold: summarize(cold),
    clickToFormPrefetched: summarize(prefetched),
    submitToChatUsable: summarize(usable),
    sendToEcho: summarize(echo),
  };
}
