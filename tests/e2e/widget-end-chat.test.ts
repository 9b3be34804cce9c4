/**
 * The visitor ends the chat with the keyboard only, in headless Chromium against the local stack,
 * while the agent sits at the emulator's desk (a second page): the confirm step opens and cancels
 * (Escape) with focus where a keyboard user expects it, then the chat ends in Flex's way (the
 * interaction channel closes, the task wraps up, the conversation closes), the widget offers a new
 * chat, and the desk says the customer ended it. The end notice the backend posts for the agent is no
 * bubble for the visitor, neither in the tab that ended the chat nor in a second tab of the same chat
 * (which knows who ended it only from that notice), and counts as no unread message there.
 * Screenshots: test-artifacts/screenshots/end-chat-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';

let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let desk: Page;
/** A second tab of the same chat, its panel closed. */
let otherTab: Page;
let conversationSid: string;

const END_NOTICE = 'The customer ended the chat.';

/** The text (or label) of what has focus inside the widget's shadow root. */
const focused = () =>
  page.evaluate(() => {
    const active = document.querySelector('twilio-webchat')?.shadowRoot?.activeElement;
    return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? active?.id ?? null;
  });

async function noViolations(where: string): Promise<void> {
  const violations = await runAxe(page, [['twilio-webchat']]);
  const found = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations: found }).toStrictEqual({ where, violations: [] });
}

/** Waits until `label` has focus (focus moves once the widget has rendered). */
async function focusOn(label: string): Promise<void> {
  await page.waitForFunction((expected) => {
    const active = document.querySelector('twilio-webchat')?.shadowRoot?.activeElement;
    return (active?.getAttribute('aria-label') ?? active?.textContent?.trim()) === expected;
  }, label);
}

/** Presses Shift+Tab until `label` has focus; a bounded walk, as a keyboard user would do. */
async function tabBackTo(label: string): Promise<void> {
  for (let step = 0; step < 12 && (await focused()) !== label; step++) await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe(label);
}

async function startChatWithKeyboard(question: string): Promise<void> {
  await page.locator('#twc-field-friendlyName').waitFor();
  await page.keyboard.type('Jane');
  await page.keyboard.press('Tab');
  await page.keyboard.type('jane@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
  await page.locator('twilio-webchat .bubble', { hasText: question }).waitFor();
}

const rest = () => twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');

jest.setTimeout(180_000);

describe('the visitor ends the chat', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    desk = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('a chat starts and the agent accepts it at the desk', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.locator('twilio-webchat button.launcher').focus();
    await page.keyboard.press('Enter');
    await startChatWithKeyboard('Where is my parcel?');
    const conversations = await rest().conversations.v1.conversations.list();
    conversationSid = conversations.sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())[0]?.sid ?? '';

    await desk.goto(`${stack.emulatorUrl}/`);
    await desk.locator('[data-testid="desk-display-name"]').fill('Alex');
    await desk.locator(`li[data-sid="${conversationSid}"] [data-testid="desk-join"]`).click();
    await desk.locator('[data-testid="desk-chat-state"]', { hasText: 'State: active' }).waitFor();

    otherTab = await browser.newPage();
    await otherTab.goto(`${stack.baseUrl}/`);
    await otherTab.locator('twilio-webchat button.launcher').click();
    await otherTab.locator('twilio-webchat .bubble', { hasText: 'Where is my parcel?' }).waitFor();
    await otherTab.locator('twilio-webchat button.launcher').click();
    expect(await otherTab.locator('twilio-webchat button.launcher').getAttribute('aria-expanded')).toBe('false');
  });

  test('"End chat" opens an inline confirm with focus on "Keep chatting"; Escape cancels and focus returns', async () => {
    await tabBackTo('End chat');
    await screenshot(page, 'end-chat-00-control');
    await noViolations('the chat with its "End chat" control');
    await page.keyboard.press('Enter');
    const confirm = page.locator('twilio-webchat .end-confirm[role="group"]');
    await confirm.waitFor();
    await focusOn('Keep chatting');
    expect(await confirm.getAttribute('aria-labelledby')).toBe('twc-end-chat-question');
    await screenshot(page, 'end-chat-01-confirm');
    await noViolations('the end-chat confirm');

    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await focusOn('End chat');
    // Escape closed only the confirm, not the panel.
    expect(await page.locator('twilio-webchat button.launcher').getAttribute('aria-expanded')).toBe('true');
  });

  test('a failed end says so, returns focus to "End chat" and keeps the chat usable', async () => {
    await stack.emulator.fault({ method: 'POST', path: `/Conversations/${conversationSid}/Messages$`, status: 500, code: 20500, times: 1 });
    await page.keyboard.press('Enter');
    await focusOn('Keep chatting');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .end-bar [role="alert"]', { hasText: 'could not be ended' }).waitFor();
    await focusOn('End chat');
    await screenshot(page, 'end-chat-01b-failed');
    await noViolations('a failed end');
    expect((await rest().conversations.v1.conversations(conversationSid).fetch()).state).toBe('active');
    expect(await page.locator('#twc-composer').getAttribute('readonly')).toBe(null);
    await stack.emulator.clearFaults();
  });

  test('confirming ends the chat in Flex: channel closed, task wrapping, conversation closed', async () => {
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .end-confirm').waitFor();
    await focusOn('Keep chatting');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('End chat');
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .ended p', { hasText: 'You ended this chat.' }).waitFor();
    expect(await page.locator('twilio-webchat .end-bar, twilio-webchat .end-confirm').count()).toBe(0);
    await focusOn('Start new chat');
    await screenshot(page, 'end-chat-02-ended');
    await noViolations('the chat the visitor ended');

    const twilio = rest();
    expect((await twilio.conversations.v1.conversations(conversationSid).fetch()).state).toBe('closed');
    const workspace = (await twilio.flexApi.v1.configuration().fetch()).taskrouterWorkspaceSid;
    const [task] = await twilio.taskrouter.v1.workspaces(workspace).tasks.list({ evaluateTaskAttributes: `conversationSid == "${conversationSid}"` });
    expect(task?.assignmentStatus).toBe('wrapping');
    const { flexInteractionSid, flexInteractionChannelSid } = JSON.parse(task?.attributes ?? '{}') as Record<string, string>;
    expect((await twilio.flexApi.v1.interaction(flexInteractionSid ?? '').channels(flexInteractionChannelSid ?? '').fetch()).status).toBe('closed');
  });

  test('the end notice is no bubble from someone else, and no unread message in another tab of the chat', async () => {
    expect(await page.locator('twilio-webchat .bubble', { hasText: END_NOTICE }).count()).toBe(0);
    // The Concierge welcome is still listed (as a notice): the list shows Concierge's messages, just not this event.
    expect(await page.locator('twilio-webchat .notice', { hasText: 'Welcome Jane' }).count()).toBe(1);

    // This tab did not end the chat itself: only the notice tells it the visitor did.
    await otherTab.locator('twilio-webchat .ended p', { hasText: 'You ended this chat.' }).waitFor({ state: 'attached' });
    expect(await otherTab.locator('twilio-webchat .badge').isHidden()).toBe(true);
    await otherTab.locator('twilio-webchat button.launcher').click();
    await otherTab.locator('twilio-webchat .ended p', { hasText: 'You ended this chat.' }).waitFor();
    expect(await otherTab.locator('twilio-webchat .bubble', { hasText: END_NOTICE }).count()).toBe(0);
    expect(await otherTab.locator('twilio-webchat .new-marker').count()).toBe(0);
    await screenshot(otherTab, 'end-chat-02b-other-tab');
    await otherTab.close();
  });

  test('the desk says the customer ended it, in the open chat and in the list', async () => {
    await desk.locator('[data-testid="desk-chat-state"]', { hasText: 'Ended by the customer.' }).waitFor();
    await desk.locator(`li[data-sid="${conversationSid}"]`, { hasText: 'Ended by the customer' }).waitFor();
    await screenshot(desk, 'end-chat-03-desk');
  });

  test('"Start new chat" with the keyboard starts a new conversation', async () => {
    await page.keyboard.press('Enter');
    await page.locator('#twc-field-query').waitFor();
    await page.locator('#twc-field-query').focus();
    await page.keyboard.type('One more question');
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat .bubble', { hasText: 'One more question' }).waitFor();
    await page.locator('twilio-webchat .end-open').waitFor();
    const open = await rest().conversations.v1.conversations.list({ state: 'active' });
    expect(open.map((conversation) => conversation.sid)).not.toContain(conversationSid);
    expect(open).toHaveLength(1);
  });
});
