/**
 * Where the message list stands when it changes, measured with bounding boxes in headless Chromium,
 * on a desktop and a phone screen: a visitor at the bottom sees each new message whole once its
 * picture has loaded, and still sees the newest messages when the list itself gets shorter (the
 * end panel replacing the composer); a visitor who scrolled up stays where they are and is told
 * that new messages came in below.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';
import { startChatAs } from '../support/visitor';

let stack: TestStack;
let browser: BrowserSession;

const SCREENS = [
  ['desktop', { width: 1100, height: 800 }],
  ['phone', { width: 390, height: 700 }],
] as const;

/** A new visitor's chat on a screen of `size`, with an agent who has filled the list past its height. */
async function chatWithHistory(size: { width: number; height: number }, name: string): Promise<{ page: Page; agent: EmulatedAgent; picture: Uint8Array }> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    if (sessionStorage.getItem('test:fresh') === null) {
      localStorage.clear();
      sessionStorage.setItem('test:fresh', '1');
    }
  });
  await page.setViewportSize(size);
  // A tall picture: 240 × 320 pixels of the page itself.
  await page.goto(`${stack.baseUrl}/`);
  const picture = new Uint8Array(await page.screenshot({ clip: { x: 0, y: 0, width: 240, height: 320 } }));
  await startChatAs(page, stack.baseUrl, { name, email: 'visitor@example.com', question: `Question from ${name}` });
  const agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
  for (let line = 1; line <= 12; line++) await agent.send(`Line ${line} of a long answer`);
  await page.locator('twilio-webchat .bubble', { hasText: 'Line 12 of a long answer' }).waitFor();
  return { page, agent, picture };
}

/** After the browser has laid out and painted what changed: the list's box and its last message's. */
function boxes(page: Page): Promise<{ list: { top: number; bottom: number }; last: { top: number; bottom: number }; scrollTop: number }> {
  return page.evaluate(async () => {
    // After two painted frames: a task after each frame's callbacks, so what is measured is what the
    // visitor saw (a rAF callback alone runs before that frame's ResizeObserver callbacks).
    for (let frame = 0; frame < 2; frame += 1) await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
    const root = document.querySelector('twilio-webchat')?.shadowRoot;
    const list = root?.querySelector<HTMLElement>('.messages');
    const messages = root?.querySelectorAll<HTMLElement>('.messages .message');
    const last = messages?.[messages.length - 1];
    if (list === null || list === undefined || last === undefined) throw new Error('no message list');
    const box = (el: HTMLElement) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom });
    return { list: box(list), last: box(last), scrollTop: list.scrollTop };
  });
}

/** Resolves once the chat's picture has been decoded and laid out. */
async function pictureLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const img = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector<HTMLImageElement>('a.media.image img');
    return img !== null && img !== undefined && img.complete && img.naturalHeight > 0;
  });
}

const fullyInside = (inner: { top: number; bottom: number }, outer: { top: number; bottom: number }) => inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

jest.setTimeout(180_000);

describe('the message list keeps the visitor’s place', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test.each(SCREENS)('on a %s screen, a picture that arrives at the bottom ends fully in view once loaded, and so does the last message when the chat ends', async (screen, size) => {
    const { page, agent, picture } = await chatWithHistory(size, `Bottom ${screen}`);
    // A picture with a caption (what a bot may send over the API): the caption shows first, the picture loads later.
    await agent.sendFile('tall.png', 'image/png', picture, 'Here is a photo');
    await pictureLoaded(page);
    const withPicture = await boxes(page);
    expect(fullyInside(withPicture.last, withPicture.list)).toBe(true);
    await screenshot(page, `scrolling-picture-${screen}`);

    await agent.send('Anything else?');
    await page.locator('twilio-webchat .bubble', { hasText: 'Anything else?' }).waitFor();
    await agent.end();
    await page.locator('twilio-webchat .ended').waitFor();
    // The rating's chunk arrives after the end and makes the list shorter once more.
    await page.locator('twilio-webchat form.rating').waitFor();
    const ended = await boxes(page);
    expect(fullyInside(ended.last, ended.list)).toBe(true);
    await screenshot(page, `scrolling-ended-${screen}`);
    await agent.leave();
    await page.close();
  });

  test.each(SCREENS)('on a %s screen, a visitor who scrolled up is not moved by a new picture and sees that new messages came', async (screen, size) => {
    const { page, agent, picture } = await chatWithHistory(size, `Reader ${screen}`);
    await page.locator('twilio-webchat .messages').evaluate((list) => list.scrollBy(0, -150));
    const before = await boxes(page);
    await agent.sendFile('tall.png', 'image/png', picture);
    await pictureLoaded(page);
    const after = await boxes(page);
    expect(after.scrollTop).toBe(before.scrollTop);
    const notice = page.locator('twilio-webchat button.new-below');
    const shown = await notice.evaluate((el) => el.getBoundingClientRect());
    expect([await notice.textContent(), fullyInside(shown, after.list)]).toStrictEqual(['New messages ↓', true]);
    await screenshot(page, `scrolling-scrolled-up-${screen}`);

    // The notice takes the visitor to the first new message.
    await notice.click();
    const marker = await page.locator('twilio-webchat .new-marker').evaluate((el) => el.getBoundingClientRect());
    const moved = await boxes(page);
    expect(fullyInside(marker, moved.list)).toBe(true);
    await agent.leave();
    await page.close();
  });
});
