/**
 * The page's JavaScript API in headless Chromium on the local stack: calls queued before the
 * loader, each method and event, a page listener that throws, the tab's title and chime while the
 * page is hidden, a second initWebchat, and destroy(). The agent is played with the real twilio
 * library and SDK (tests/support/agent.ts). Screenshots: test-artifacts/screenshots/api-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { eventDetail, installProbe, readProbe, setPageHidden } from '../support/page-api-probe';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';

const TITLE = 'Webchat demo: Example Outfitters';

let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;

type Api = { webchat?: Record<string, (...args: unknown[]) => unknown> };
const call = (method: string, ...args: unknown[]) =>
  page.evaluate(([name, values]) => (window as unknown as { Twilio: Api }).Twilio.webchat?.[name]?.(...values), [method, args] as const);
const focusedInWidget = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className ?? null);

jest.setTimeout(180_000);

describe('the page API', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    await installProbe(page);
    // A fake clock, running in real time, lets the test step over the title's blinking.
    await page.clock.install();
    await page.clock.resume();
    await page.goto(`${stack.baseUrl}/`);
  });

  afterAll(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  test('calls queued before the loader run in order, and ready follows once the widget is on the page', async () => {
    expect(await eventDetail(page, 'ready')).toBe(undefined);
    expect(await page.evaluate(() => typeof (window as unknown as { Twilio: Api }).Twilio.webchat?.open)).toBe('function');
    expect(await page.locator('twilio-webchat').count()).toBe(1);
  });

  test('open() and close() from page code leave focus where the page has it, unless it was in the panel', async () => {
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'page-button';
      button.textContent = 'A page control';
      document.body.prepend(button);
      button.focus();
    });
    await call('prefill', { friendlyName: 'Ada Lovelace', email: 'ada@example.com' });
    await call('open');
    await eventDetail(page, 'open');
    expect(await call('isOpen')).toBe(true);
    const name = page.locator('#twc-field-friendlyName');
    await name.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-button');
    // prefill fills the form and starts nothing.
    expect(await name.inputValue()).toBe('Ada Lovelace');
    expect(await page.locator('#twc-field-email').inputValue()).toBe('ada@example.com');
    await screenshot(page, 'api-01-opened-by-page-prefilled');
    expect(await runAxe(page, [['twilio-webchat']])).toStrictEqual([]);

    await call('close');
    await eventDetail(page, 'close');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-button');
    await call('toggle');
    await eventDetail(page, 'open', 2);
    await name.focus();
    await call('toggle');
    await eventDetail(page, 'close', 2);
    expect(await call('isOpen')).toBe(false);
    expect(await focusedInWidget()).toBe('launcher');
    expect((await readProbe(page)).events.some(([event]) => event === 'chatStarted')).toBe(false);
  });

  test('chatStarted names the conversation; messageReceived and unreadChanged follow the agent, even after a listener threw', async () => {
    await call('open');
    await page.locator('#twc-field-query').fill('Where is my order?');
    await page.locator('twilio-webchat button[type="submit"]').click();
    const started = (await eventDetail(page, 'chatStarted')) as { conversationSid: string };
    expect(started.conversationSid).toBe((await EmulatedAgent.latestConversation(stack.env)).sid);
    agent = await EmulatedAgent.join(stack.env, started.conversationSid, 'Alex');
    await call('close');
    await agent.send('Hello from Alex');
    expect(await eventDetail(page, 'messageReceived')).toStrictEqual({ author: 'Alex', body: 'Hello from Alex' });
    expect(await eventDetail(page, 'unreadChanged')).toStrictEqual({ count: 1 });
    expect(browser.problems.some((problem) => problem.includes('a page listener failed'))).toBe(true);
    await screenshot(page, 'api-02-unread-badge');
  });

  test('a hidden tab blinks the title per agent message, without sound by default, and gets its title back exactly', async () => {
    await setPageHidden(page, true);
    await agent.send('Are you there?');
    await page.waitForFunction(() => document.title === '(1) New message');
    await page.clock.fastForward(1_600);
    await page.waitForFunction((title) => document.title === title, TITLE);
    await agent.send('Still there?');
    await page.waitForFunction(() => document.title === '(2) New messages');
    await setPageHidden(page, false);
    expect(await page.title()).toBe(TITLE);
    await page.clock.fastForward(3_200);
    expect(await page.title()).toBe(TITLE);
    expect((await readProbe(page)).oscillators).toBe(0);
  });

  test('with reduced motion the title changes once to the count and does not blink', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await setPageHidden(page, true);
    const before = (await readProbe(page)).titles.length;
    await agent.send('A quiet one');
    await page.waitForFunction(() => document.title === '(1) New message');
    await page.clock.fastForward(1_600);
    await page.clock.fastForward(1_600);
    expect((await readProbe(page)).titles.slice(before)).toStrictEqual(['(1) New message']);
    await setPageHidden(page, false);
    expect(await page.title()).toBe(TITLE);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  test('initWebchat again replaces the handle; with sound on, a hidden tab hears a chime', async () => {
    const replaced = await page.evaluate(() => {
      const twilio = (window as unknown as { Twilio: Api & { initWebchat: (config: unknown) => unknown } }).Twilio;
      const old = twilio.webchat;
      const handle = twilio.initWebchat({ sound: true });
      const probe = (window as unknown as { probe: { events: Array<[string, unknown]> } }).probe;
      (handle as Api['webchat'])?.on?.('messageReceived', (detail: unknown) => probe.events.push(['new:messageReceived', detail]));
      (handle as Api['webchat'])?.on?.('chatEnded', (detail: unknown) => probe.events.push(['new:chatEnded', detail]));
      (handle as Api['webchat'])?.on?.('chatStarted', (detail: unknown) => probe.events.push(['new:chatStarted', detail]));
      return { isNew: handle !== old && twilio.webchat === handle, oldOpens: (old?.open?.(), old?.isOpen?.()) };
    });
    expect(replaced).toStrictEqual({ isNew: true, oldOpens: false });
    // The new widget resumes the chat at once (a saved session): wait for it before hiding the page.
    await page.locator('twilio-webchat button.launcher').waitFor();
    await page.waitForFunction(() => document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.badge:not([hidden])') !== null);
    await setPageHidden(page, true);
    await agent.send('Ding');
    expect(await eventDetail(page, 'new:messageReceived')).toStrictEqual({ author: 'Alex', body: 'Ding' });
    await page.waitForFunction(() => (window as unknown as { probe: { oscillators: number } }).probe.oscillators >= 2);
    await setPageHidden(page, false);
    // The first handle's listeners went with it.
    const heardByOld = (await readProbe(page)).events.filter(([event]) => event === 'messageReceived').map(([, detail]) => (detail as { body: string }).body);
    expect(heardByOld).toStrictEqual(['Hello from Alex', 'Are you there?', 'Still there?', 'A quiet one']);
  });

  test('the agent closing the conversation is chatEnded by the agent', async () => {
    await agent.end();
    expect(await eventDetail(page, 'new:chatEnded')).toStrictEqual({ by: 'agent' });
  });

  test('endChat() ends the chat in Twilio without the confirm step: chatEnded by the visitor, and a new chat is offered', async () => {
    await call('open');
    const panel = page.locator('twilio-webchat');
    await panel.getByRole('button', { name: 'Start new chat' }).click();
    await page.locator('#twc-field-query').fill('One more question');
    await panel.locator('button[type="submit"]').click();
    // The first was the resumed chat the agent has since ended.
    const { conversationSid } = (await eventDetail(page, 'new:chatStarted', 2)) as { conversationSid: string };
    await call('endChat');
    expect((await readProbe(page)).events.filter(([event]) => event === 'new:chatEnded').map(([, detail]) => detail)).toStrictEqual([{ by: 'agent' }, { by: 'visitor' }]);
    const rest = twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');
    expect((await rest.conversations.v1.conversations(conversationSid).fetch()).state).toBe('closed');
    await panel.getByText('You ended this chat.').waitFor();
    await panel.getByRole('button', { name: 'Start new chat' }).waitFor();
    await screenshot(page, 'api-03-ended-by-page');
    expect(await runAxe(page, [['twilio-webchat']])).toStrictEqual([]);
  });

  test('endChat() without a chat resolves and ends nothing; destroy() leaves nothing behind', async () => {
    await call('endChat');
    expect((await readProbe(page)).events.filter(([event]) => event === 'new:chatEnded')).toHaveLength(2);
    const listenersFired = await page.evaluate(() => {
      const twilio = (window as unknown as { Twilio: Api }).Twilio;
      const handle = twilio.webchat;
      let heard = 0;
      handle?.on?.('open', () => (heard += 1));
      handle?.destroy?.();
      handle?.open?.();
      return { heard, webchat: 'webchat' in twilio, elements: document.querySelectorAll('twilio-webchat').length };
    });
    expect(listenersFired).toStrictEqual({ heard: 0, webchat: false, elements: 0 });
    await setPageHidden(page, true);
    await setPageHidden(page, false);
    expect(await page.title()).toBe(TITLE);
    await screenshot(page, 'api-04-destroyed');
  });
});
