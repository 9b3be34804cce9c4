/**
 * "Email me the transcript" proves the visitor's address first, in headless Chromium against the
 * emulator's outbox, with the keyboard alone, in each of the widget's six languages: the code
 * arrives by email with fixed text only, a field for it takes focus, a wrong code is told and the
 * right one sends the transcript; the field and the outcome pass axe. One journey per language,
 * each in a browser set to it. Screenshots: test-artifacts/screenshots/transcript-code-<language>.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import AR from '../../widget-src/app/i18n/ar';
import DE from '../../widget-src/app/i18n/de';
import { EN, type LanguageTable } from '../../widget-src/app/i18n/en';
import { EN_CHAT } from '../../widget-src/app/i18n/en-chat';
import { EN_OFFLINE } from '../../widget-src/app/i18n/en-offline';
import { EN_RATING } from '../../widget-src/app/i18n/en-rating';
import { EN_FORM } from '../../widget-src/app/i18n/en-form';
import ES from '../../widget-src/app/i18n/es';
import FR from '../../widget-src/app/i18n/fr';
import PT_BR from '../../widget-src/app/i18n/pt-BR';
import { launchBrowser, runAxe, screenshot } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { startStack, strictCsp, type TestStack } from '../support/stack';

type Texts = LanguageTable;

const LANGUAGES: Array<[string, string, Texts]> = [
  ['en', 'en-US', { ...EN, ...EN_CHAT, ...EN_OFFLINE, ...EN_RATING, ...EN_FORM }],
  ['de', 'de-DE', DE],
  ['es', 'es-MX', ES],
  ['fr', 'fr-FR', FR],
  ['pt-BR', 'pt-BR', PT_BR],
  ['ar', 'ar-EG', AR],
];

let stack: TestStack;
let hosts: HostServer;

jest.setTimeout(240_000);

/** What has focus inside the widget: its text or id. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const inner = document.activeElement?.shadowRoot?.activeElement;
    return inner ? (inner.textContent?.trim() || inner.id) : '';
  });

/** Presses Tab until the widget's focus is on `label`; fails if it never gets there. */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let presses = 0; presses < 40; presses += 1) {
    if ((await focused(page)) === label) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`keyboard focus never reached "${label}" (last: "${await focused(page)}")`);
}

/** Resolves once the widget's focus is on the element with `id`. */
const focusOn = (page: Page, id: string) => page.waitForFunction((want) => document.activeElement?.shadowRoot?.activeElement?.id === want, id);

async function noViolations(page: Page, where: string): Promise<void> {
  const violations = (await runAxe(page, [['twilio-webchat']])).map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations }).toStrictEqual({ where, violations: [] });
}

/** The status line once it tells an outcome (not "Preparing…"); it must be empty before. */
async function outcome(page: Page, texts: Texts): Promise<string> {
  const handle = await page.waitForFunction((preparing) => {
    const text = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.transcript-status')?.textContent ?? '';
    return text !== '' && text !== preparing ? text : null;
  }, texts['transcript.preparing']);
  return (await handle.jsonValue()) as string;
}

describe('the transcript email code, with the keyboard, in every language', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin, SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' });
  });

  afterAll(async () => {
    await stack?.stop();
    await hosts?.stop();
  });

  test.each(LANGUAGES)('a %s visitor (%s) has the transcript emailed once they typed the code sent to their address', async (language, locale, texts) => {
    const address = `visitor-${language.toLowerCase()}@example.com`;
    const question = `Where is my order? (${language})`;
    const browser = await launchBrowser(locale);
    try {
      const page = await browser.newPage();
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script src="${stack.baseUrl}/webchat.js" async></script></head><body><main><a href="#top">Skip</a><h1>Shop</h1></main></body></html>`;
      await page.goto(hosts.setPage(`code-${language}`, { headers: { 'Content-Security-Policy': strictCsp(stack) }, body }));
      await page.locator('twilio-webchat button.launcher').waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await focusOn(page, 'twc-field-friendlyName');
      await page.keyboard.type('Dana');
      await page.keyboard.press('Tab');
      await page.keyboard.type(address);
      await page.keyboard.press('Tab');
      await page.keyboard.type(question);
      await page.keyboard.press('Enter');
      await page.locator('#twc-composer:not([readonly])').waitFor();

      await tabTo(page, texts['transcript.menu']);
      await page.keyboard.press('Enter');
      await tabTo(page, texts['transcript.email']);
      await page.keyboard.press('Enter');
      // The code went to the form's address, with nothing the visitor typed; the field has focus.
      await focusOn(page, 'twc-code');
      const label = await page.locator('twilio-webchat label[for="twc-code"]').textContent();
      expect(label).toBe(texts['transcript.code'].replace('{email}', `\u2068${address}\u2069`));
      const [codeEmail, ...others] = (await stack.emulator.outbox()).filter((email) => email.to.includes(address));
      expect(others).toStrictEqual([]);
      expect(JSON.stringify(codeEmail)).not.toContain(question);
      expect(JSON.stringify(codeEmail)).not.toContain('Dana');
      const code = /Your code is (\d{6})\./.exec(codeEmail?.text ?? '')?.[1] ?? '';
      expect(code).toMatch(/^\d{6}$/);
      await screenshot(page, `transcript-code-${language}`);
      await noViolations(page, `${language}: the code field`);

      // A wrong code is told, and the field keeps focus for another try.
      await page.keyboard.type(code === '000000' ? '111111' : '000000');
      await page.keyboard.press('Enter');
      expect(await outcome(page, texts)).toBe(texts['transcript.codeWrong']);
      expect(await focused(page)).toBe('twc-code');
      await noViolations(page, `${language}: a wrong code`);

      await page.keyboard.press('Control+A');
      await page.keyboard.type(code);
      await page.keyboard.press('Enter');
      // The wrong code's notice stays until this answer: wait for the outcome itself.
      await page.locator('twilio-webchat .transcript-status', { hasText: texts['transcript.emailed'] }).waitFor();
      // The field is gone and focus is back on the button that asked.
      await page.waitForFunction((text) => document.activeElement?.shadowRoot?.activeElement?.textContent === text, texts['transcript.email']);
      expect(await page.locator('twilio-webchat #twc-code').count()).toBe(0);
      const transcript = (await stack.emulator.outbox()).filter((email) => email.to.includes(address)).at(-1);
      expect(transcript?.subject).toBe('Your chat transcript');
      expect(transcript?.text).toContain(question);
      await noViolations(page, `${language}: the transcript emailed`);
      // The one refusal the browser reports is the wrong code's.
      expect(browser.problems).toStrictEqual([expect.stringMatching(/status of 403 \(Forbidden\) \(http:\/\/[^)]+\/emailTranscript\)$/)]);
    } finally {
      await browser.close();
    }
  });
});
