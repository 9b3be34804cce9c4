/**
 * The widget outside the opening hours (BUSINESS_HOURS with today a closed date): before the
 * visitor types anything it says the chat is closed and when it opens, in the visitor's own time
 * zone and language, and offers a message form whose message reaches Flex (the emulated
 * TaskRouter) with every field. The closed view is its own chunk, fetched only then. Accessible,
 * right to left in Arabic. Screenshots: test-artifacts/screenshots/closed-{de-form,de-sent,ar-form}.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Twilio } from 'twilio';
import DE from '../../widget-src/app/i18n/de';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';

let stack: TestStack;
let hosts: HostServer;
let twilio: Twilio;

const today = new Date().toISOString().slice(0, 10);
/** Closed all of today (UTC), so it opens at the next midnight UTC whatever the hour the test runs. */
const opensAt = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000);

async function openWidget(browser: BrowserSession, name: string): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const script = `<script src="${stack.baseUrl}/webchat.js" async></script>`;
  await page.goto(hosts.setPage(name, { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${script}</head><body><h1>Shop</h1></body></html>` }));
  await page.locator('twilio-webchat button.launcher').click();
  await page.locator('#twc-offline-friendlyName').waitFor();
  return { page, requested };
}

async function noViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page, [['twilio-webchat']]);
  const found = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations: found }).toStrictEqual({ where, violations: [] });
}

async function tasks(): Promise<Array<Record<string, unknown>>> {
  const { taskrouterWorkspaceSid } = await twilio.flexApi.v1.configuration().fetch();
  const list = await twilio.taskrouter.v1.workspaces(taskrouterWorkspaceSid).tasks.list();
  return list.map((task) => JSON.parse(task.attributes) as Record<string, unknown>);
}

jest.setTimeout(180_000);

describe('the widget outside the opening hours', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin, BUSINESS_HOURS: 'UTC; Mon-Sun 00:00-24:00', BUSINESS_CLOSED_DATES: today });
    twilio = twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');
  });

  afterAll(async () => {
    await stack?.stop();
    await hosts?.stop();
  });

  test('a German visitor in New York reads that it is closed today and opens at their local hour, and leaves a message that reaches Flex whole', async () => {
    await stack.emulator.reset();
    const browser = await launchBrowser('de-DE', 'America/New_York');
    try {
      const { page, requested } = await openWidget(browser, 'closed-de');
      const localHour = new Intl.DateTimeFormat('de-DE', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' }).format(opensAt);
      const notice = (await page.locator('twilio-webchat .form-notice').textContent()) ?? '';
      expect(notice.startsWith(`${DE['closed.holiday']} Der Chat öffnet wieder am `)).toBe(true);
      expect(notice).toContain(localHour);
      // No chat's form, and no chat's code: the closed view came in its own chunk.
      expect(await page.locator('#twc-field-friendlyName').count()).toBe(0);
      expect(requested.some((file) => /\/webchat\/offline-[A-Z0-9]+\.js$/.test(file))).toBe(true);
      expect(requested.some((file) => /\/webchat\/(chat-view|conversations-transport)-/.test(file))).toBe(false);
      await noViolations(page, 'closed form');
      await screenshot(page, 'closed-de-form');

      await page.locator('#twc-offline-friendlyName').fill('Grete Müller');
      await page.locator('#twc-offline-email').fill('grete@example.com');
      await page.locator('#twc-offline-query').fill('Meine Bestellung 1843 ist nicht angekommen.\nBitte melden Sie sich.');
      await page.locator('twilio-webchat button[type="submit"]').click();
      await page.locator('twilio-webchat [role="status"]', { hasText: DE['offline.sent'] }).waitFor();
      await noViolations(page, 'message sent');
      await screenshot(page, 'closed-de-sent');

      expect(await tasks()).toStrictEqual([
        expect.objectContaining({
          type: 'offline_message',
          name: 'Grete Müller',
          email: 'grete@example.com',
          message: 'Meine Bestellung 1843 ist nicht angekommen.\nBitte melden Sie sich.',
          locale: 'de-DE',
          origin: hosts.origin,
          customers: { name: 'Grete Müller', email: 'grete@example.com' },
        }),
      ]);
      expect(browser.problems.filter((problem) => !problem.includes('favicon'))).toStrictEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('an Arabic visitor sees the closed view right to left, and a message without an address is stopped at that field, sending nothing', async () => {
    await stack.emulator.reset();
    const browser = await launchBrowser('ar');
    try {
      const { page } = await openWidget(browser, 'closed-ar');
      expect(await page.locator('twilio-webchat .panel').getAttribute('dir')).toBe('rtl');
      await page.locator('#twc-offline-friendlyName').fill('ليلى');
      await page.locator('#twc-offline-query').fill('مرحبا');
      await page.locator('twilio-webchat button[type="submit"]').click();
      await page.locator('#twc-offline-email-error').waitFor();
      expect(await page.evaluate(() => document.querySelector('twilio-webchat')?.shadowRoot?.activeElement?.id)).toBe('twc-offline-email');
      await noViolations(page, 'closed form in Arabic');
      await screenshot(page, 'closed-ar-form');
      expect(await tasks()).toStrictEqual([]);
    } finally {
      await browser.close();
    }
  });
});
