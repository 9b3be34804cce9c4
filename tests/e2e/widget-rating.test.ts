/**
 * A rating when the chat ends, in headless Chromium against the local stack: the agent answers and
 * ends the chat as Flex does (closing the interaction channel); only then does the widget fetch the
 * rating's chunk and offer five stars and a comment, used here with the keyboard alone; the rating
 * is recorded in Sync, on the Flex task, and comes out of `npm run ratings`. Accessible.
 * Screenshots: test-artifacts/screenshots/rating-{form,sent}.png.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { RATINGS_MAP } from '../../contract/ratings';
import { EN_RATING } from '../../widget-src/app/i18n/en-rating';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { runScript } from '../support/run-script';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';

let stack: TestStack;
let browser: BrowserSession;

const AGENT = 'grace@example.com';
const rest = () => twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');

async function noViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page, [['twilio-webchat']]);
  const found = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations: found }).toStrictEqual({ where, violations: [] });
}

/** What has focus in the widget: a radio's value, else the element's id or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.querySelector('twilio-webchat')?.shadowRoot?.activeElement as HTMLInputElement | null | undefined;
    if (active?.type === 'radio') return `radio ${active.value}`;
    return active?.id || active?.textContent?.trim() || null;
  });

async function shiftTabTo(page: Page, wanted: (name: string | null) => boolean): Promise<void> {
  for (let step = 0; step < 12 && !wanted(await focused(page)); step++) await page.keyboard.press('Shift+Tab');
  expect(wanted(await focused(page))).toBe(true);
}

jest.setTimeout(180_000);

describe('a rating when the chat ends', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('the visitor rates an ended chat with the keyboard; the rating is recorded and exported', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(stack.baseUrl);
    await page.locator('twilio-webchat button.launcher').click();
    await page.locator('#twc-field-friendlyName').fill('Jane');
    await page.locator('#twc-field-email').fill('jane@example.com');
    await page.locator('#twc-field-query').fill('Where is my parcel?');
    await page.locator('twilio-webchat button[type="submit"]').click();
    await page.locator('twilio-webchat .bubble', { hasText: 'Where is my parcel?' }).waitFor();
    const conversationSid = await page.evaluate(() => {
      const saved = Object.values(localStorage as unknown as Record<string, string>);
      return (JSON.parse(saved.find((value) => value.includes('conversationSid')) ?? '{}') as { conversationSid?: string }).conversationSid ?? '';
    });

    const twilio = rest();
    await twilio.conversations.v1.services(stack.env.CONVERSATIONS_SERVICE_SID ?? '').conversations(conversationSid).messages.create({ author: AGENT, body: 'It arrives tomorrow.' });
    await page.locator('twilio-webchat .bubble', { hasText: 'It arrives tomorrow.' }).waitFor();
    expect(requested.some((file) => /\/webchat\/rating-/.test(file))).toBe(false);

    const { taskrouterWorkspaceSid } = await twilio.flexApi.v1.configuration().fetch();
    const tasks = twilio.taskrouter.v1.workspaces(taskrouterWorkspaceSid).tasks;
    const [task] = await tasks.list({ evaluateTaskAttributes: `conversationSid == "${conversationSid}"` });
    const { flexInteractionSid, flexInteractionChannelSid } = JSON.parse(task?.attributes ?? '{}') as Record<string, string>;
    await twilio.flexApi.v1.interaction(flexInteractionSid ?? '').channels(flexInteractionChannelSid ?? '').update({ status: 'closed' });

    await page.locator('twilio-webchat legend', { hasText: EN_RATING['rating.question'] }).waitFor();
    await noViolations(page, 'rating form');
    await screenshot(page, 'rating-form');

    // From "Start new chat", back into the stars: with none chosen, Shift+Tab lands on the last one.
    await shiftTabTo(page, (name) => name?.startsWith('radio') === true);
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe('radio 4');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('twc-rating-comment');
    await page.keyboard.type('Quick, and kind.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('twilio-webchat [role="status"]', { hasText: EN_RATING['rating.sent'] }).waitFor();
    await noViolations(page, 'rating sent');
    await screenshot(page, 'rating-sent');

    const item = await twilio.sync.v1.services('default').syncMaps(RATINGS_MAP).syncMapItems(conversationSid).fetch();
    expect(item.data).toMatchObject({ conversationSid, agent: AGENT, rating: 4, comment: 'Quick, and kind.' });
    const rated = await tasks(task?.sid ?? '').fetch();
    expect(JSON.parse(rated.attributes)).toMatchObject({ conversations: { conversation_measure_1: 4 } });

    const dir = await mkdtemp(path.join(tmpdir(), 'webchat-ratings-'));
    try {
      const envFile = path.join(dir, '.env');
      await writeFile(envFile, `ACCOUNT_SID=${stack.env.ACCOUNT_SID}\nAUTH_TOKEN=${stack.env.AUTH_TOKEN}\n`);
      const exported = await runScript('scripts/ratings.ts', ['--env', envFile], { TWILIO_API_BASE_URL: stack.emulatorUrl });
      expect(exported.stdout).toContain(`,${conversationSid},${AGENT},4,"Quick, and kind."\r\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(browser.problems.filter((problem) => !problem.includes('favicon'))).toStrictEqual([]);
    await page.close();
  });
});
