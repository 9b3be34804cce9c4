/**
 * Starting chats under attack and at Twilio's limits, in headless Chromium against the local stack
 * with the production defaults (proof of work at difficulty 11, at most 10 new chats a minute):
 * scripts do not create chats in bulk while visitors still can, the longest question the form takes
 * is delivered, and a slow Flex leaves exactly one chat. A site's captcha (emulated) joins the form
 * when a start is refused for want of it. Screenshots: test-artifacts/screenshots/abuse-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { solvedChallengeOverHttp } from '../support/challenge';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';

jest.setTimeout(240_000);

const bubble = (page: Page, text: string) => page.locator('twilio-webchat .bubble', { hasText: text });

async function openForm(browser: BrowserSession, stack: TestStack): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${stack.baseUrl}/`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-field-friendlyName').fill('Sam Visitor');
  await page.locator('#twc-field-email').fill('sam@example.com');
  return page;
}

async function activeConversations(stack: TestStack): Promise<{ sid: string }[]> {
  const { ACCOUNT_SID, AUTH_TOKEN } = stack.env;
  return twilioAt(stack.emulatorUrl, ACCOUNT_SID ?? '', AUTH_TOKEN ?? '').conversations.v1.conversations.list({ state: 'active' });
}

const minuteOf = (time: number): number => Math.floor(time / 60_000);

describe('starting chats with the production defaults', () => {
  let stack: TestStack;
  let browser: BrowserSession;
  beforeAll(async () => {
    stack = await startStack({ CHALLENGE_DIFFICULTY: '11', MAX_NEW_CHATS_PER_MINUTE: '10' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/initWebchat`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Origin: stack.baseUrl, ...headers },
    });

  test('a script\'s 40 rapid starts create no chat while a visitor in Chromium starts one; solving fresh challenges is held to the ceiling', async () => {
    await stack.emulator.reset();
    const began = Date.now();
    const solved = await solvedChallengeOverHttp(stack.baseUrl, stack.baseUrl);
    const form = { formData: { friendlyName: 'Bot', query: 'spam' } };
    // What the attack campaign sent: no challenge, a replayed one, a forged origin, a forged header.
    const naive = [
      ...Array.from({ length: 10 }, () => () => post(form)),
      ...Array.from({ length: 10 }, () => () => post({ ...form, ...solved })),
      ...Array.from({ length: 10 }, () => () => post({ ...form, ...solved }, { Origin: 'https://evil.example.com' })),
      ...Array.from({ length: 10 }, () => () => post({ ...form, request: { headers: { origin: stack.baseUrl }, cookies: {} } }, { Origin: '' })),
    ];
    const page = await openForm(browser, stack);
    await page.locator('#twc-field-query').fill('A real question during an attack');
    const [statuses] = await Promise.all([
      Promise.all(naive.map((send) => send().then((answer) => answer.status))),
      page.locator('#twc-field-query').press('Enter'),
    ]);
    await bubble(page, 'A real question during an attack').waitFor();
    // The one replayed challenge may start one chat, the first time it is used; nothing else does.
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(1);
    expect(statuses.filter((status) => status >= 500)).toStrictEqual([]);
    const afterNaive = await activeConversations(stack);
    expect(afterNaive.length).toBeLessThanOrEqual(2);

    // A script that does the work for every start is capped by the deployment's ceiling.
    const scripted: number[] = [];
    for (let wave = 0; wave < 5; wave += 1) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, async () => (await post({ ...form, ...(await solvedChallengeOverHttp(stack.baseUrl, stack.baseUrl)) })).status),
      );
      scripted.push(...answers);
    }
    const minutes = minuteOf(Date.now()) - minuteOf(began) + 1;
    expect(scripted.filter((status) => status !== 200 && status !== 429)).toStrictEqual([]);
    expect((await activeConversations(stack)).length).toBeLessThanOrEqual(10 * minutes);

    // The visitor who comes while this minute is full is told when to try again, keeping what they typed.
    const late = await openForm(browser, stack);
    await late.locator('#twc-field-query').fill('Another real question');
    let full = false;
    for (let extra = 0; extra < 11 && !full; extra += 1) {
      full = (await post({ ...form, ...(await solvedChallengeOverHttp(stack.baseUrl, stack.baseUrl)) })).status === 429;
    }
    expect(full).toBe(true);
    await late.locator('#twc-field-query').press('Enter');
    const outcome = await Promise.race([
      late.locator('twilio-webchat .form-error', { hasText: /try again in (\d+ seconds|1 minute)\./ }).waitFor().then(() => 'told to wait'),
      bubble(late, 'Another real question').waitFor().then(() => 'started'),
    ]);
    // Only a start 60 s old, freeing its place, may let this visitor in.
    if (Date.now() - began < 60_000) {
      expect(outcome).toBe('told to wait');
      expect(await late.locator('#twc-field-query').inputValue()).toBe('Another real question');
      await screenshot(late, 'abuse-01-ceiling-reached');
    }
  });
});

describe('starting chats at Twilio\'s limits and when Twilio is slow', () => {
  let stack: TestStack;
  let browser: BrowserSession;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('a 1,990-character question typed in the widget is delivered whole', async () => {
    await stack.emulator.reset();
    const question = `${'Where is my order? '.repeat(104)}${'x'.repeat(14)}`;
    expect(question.length).toBe(1990);
    const page = await openForm(browser, stack);
    await page.locator('#twc-field-query').fill(question);
    await page.locator('#twc-field-query').press('Enter');
    await page.locator('twilio-webchat .composer textarea').waitFor();
    const [conversation] = await activeConversations(stack);
    const stored = await stack.emulator.conversation(conversation?.sid ?? '');
    expect(stored.messages[0]?.body).toBe(question);
  });

  test('with Flex 5 s slow, a start through the widget leaves one active chat, holding the question', async () => {
    await stack.emulator.reset();
    await stack.emulator.fault({ method: 'POST', path: '^/v2/WebChats$', delayMs: 5000, times: 1 });
    const page = await openForm(browser, stack);
    await page.locator('#twc-field-query').fill('Slow Flex question');
    await page.locator('#twc-field-query').press('Enter');
    await bubble(page, 'Slow Flex question').waitFor({ timeout: 20_000 });
    const active = await activeConversations(stack);
    expect(active).toHaveLength(1);
    const stored = await stack.emulator.conversation(active[0]?.sid ?? '');
    expect(stored.messages.map((message) => message.body)[0]).toBe('Slow Flex question');
  });
});

describe('a site with a captcha (the emulator stands in for the provider)', () => {
  let stack: TestStack;
  let browser: BrowserSession;
  beforeAll(async () => {
    stack = await startStack({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'site-key', CAPTCHA_SECRET_KEY: 'secret-key', MAX_NEW_CHATS_PER_MINUTE: '1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('no captcha until the proof of work\'s allowance is used up; then the refusal shows it, and solving it starts the chat, keyboard only', async () => {
    const first = await openForm(browser, stack);
    await first.locator('#twc-field-query').fill('A question in calm times');
    await first.locator('#twc-field-query').press('Enter');
    await bubble(first, 'A question in calm times').waitFor();
    expect(await first.locator('twilio-webchat .captcha').count()).toBe(0);

    // That start used the whole allowance (MAX_NEW_CHATS_PER_MINUTE=1): the next visitor is asked to prove they are human.
    const page = await openForm(browser, stack);
    await page.locator('#twc-field-query').fill('Captcha question');
    await page.locator('twilio-webchat button[type=submit]').press('Enter');
    await page.locator('twilio-webchat .form-error', { hasText: /not a robot/ }).waitFor();
    const captcha = page.locator('twilio-webchat .captcha button');
    await captcha.waitFor();
    expect(await page.locator('#twc-field-query').inputValue()).toBe('Captcha question');
    expect(await runAxe(page)).toStrictEqual([]);
    await screenshot(page, 'abuse-02-captcha');
    await captcha.focus();
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await bubble(page, 'Captcha question').waitFor();
    expect(await activeConversations(stack)).toHaveLength(2);
  });
});
