/**
 * A conversation of 1,000 messages, resumed in Chromium without throttling (this measures the
 * main thread, not the network): the newest page rendered, paging back through all of it by
 * scrolling to the top, the JS heap after a forced GC, and the longest main-thread task seen
 * (the goal is ≤ 50 ms).
 */
import type { Browser, Page } from 'playwright-core';
import { twilioAt } from '../lib/twilio-at';
import { freshPage } from './chromium';
import { CHAT_USABLE, timeUntil } from './in-page';

export interface LongConversation {
  messages: number;
  firstPageRenderedMs: number;
  pagingBackMs: number;
  pagesLoaded: number;
  bubblesInDom: number;
  heapUsedBytes: number;
  longestTaskMs: number;
  longTasks: number;
}

const QUESTION = 'Bench: a long conversation';

function observeLongTasks(): void {
  const seen = { longest: 0, count: 0 };
  (window as unknown as { benchLongTasks: typeof seen }).benchLongTasks = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.count += 1;
      seen.longest = Math.max(seen.longest, entry.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
}

const bubbleCount = (page: Page): Promise<number> => page.locator('twilio-webchat .bubble').count();

async function startChat(page: Page, pageUrl: string): Promise<void> {
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-field-friendlyName').fill('Long Conversation');
  await page.locator('#twc-field-email').fill('long@example.com');
  await page.locator('#twc-field-query').fill(QUESTION);
  await timeUntil(page, 'submit-form', CHAT_USABLE);
}

/** Posts `count` agent messages into the newest conversation through Twilio's REST API (the emulator). */
async function postHistory(env: Readonly<Record<string, string>>, count: number): Promise<void> {
  const rest = twilioAt(env.TWILIO_API_BASE_URL ?? null, env.ACCOUNT_SID ?? '', env.AUTH_TOKEN ?? '');
  const [newest] = (await rest.conversations.v1.conversations.list()).sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
  if (newest === undefined) throw new Error('long-conversation: no conversation in the emulator');
  const conversation = rest.conversations.v1.conversations(newest.sid);
  await conversation.participants.create({ identity: 'bench-agent' });
  for (let i = 1; i <= count; i += 1) await conversation.messages.create({ author: 'bench-agent', body: `History ${i}` });
}

export async function measureLongConversation(browser: Browser, pageUrl: string, env: Readonly<Record<string, string>>, messages: number): Promise<LongConversation> {
  const { context, page } = await freshPage(browser, false);
  try {
    await startChat(page, pageUrl);
    // Away from the page while the history is written, so it arrives as history, not as live events.
    await page.goto('about:blank');
    await postHistory(env, messages);
    await page.addInitScript(observeLongTasks);
    await page.goto(pageUrl);
    const firstPage = await page.waitForFunction(
      (last) => {
        const bubbles = document.querySelector('twilio-webchat')?.shadowRoot?.querySelectorAll('.bubble') ?? [];
        return [...bubbles].some((bubble) => bubble.textContent === last) ? performance.now() : false;
      },
      `History ${messages}`,
      { polling: 'raf', timeout: 60_000 },
    );
    const firstPageRenderedMs = Math.round(Number(await firstPage.jsonValue()));

    const list = page.locator('twilio-webchat .messages');
    let pagesLoaded = 0;
    const pagingStart = Date.now();
    while ((await page.locator('twilio-webchat .bubble', { hasText: QUESTION }).count()) === 0) {
      const before = await bubbleCount(page);
      await list.evaluate((el) => {
        el.scrollTop = 0;
      });
      await page.waitForFunction(
        (count) => (document.querySelector('twilio-webchat')?.shadowRoot?.querySelectorAll('.bubble').length ?? 0) > count,
        before,
        { polling: 'raf', timeout: 60_000 },
      );
      pagesLoaded += 1;
    }
    const pagingBackMs = Date.now() - pagingStart;

    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const longTasks = await page.evaluate(() => (window as unknown as { benchLongTasks: { longest: number; count: number } }).benchLongTasks);
    return {
      messages,
      firstPageRenderedMs,
      pagingBackMs,
      pagesLoaded,
      bubblesInDom: await bubbleCount(page),
      heapUsedBytes: heap.usedSize,
      longestTaskMs: Math.round(longTasks.longest),
      longTasks: longTasks.count,
    };
  } finally {
    await context.close();
  }
}
