/**
 * The widget in the visitor's language: Chromium browsers set to German, French, Spanish,
 * Portuguese and Arabic (Playwright's `locale` sets navigator.languages) see the form and the chat
 * in their language, Arabic right to left and mirrored, each accessible (axe checks `lang` too),
 * and only their own language's file is fetched, after the app; English fetches none. German and
 * Arabic visitors also end a chat and make a transcript in their language: the end-chat control,
 * its confirm step, the transcript menu and the downloaded files, the builder fetched only then.
 * Screenshots: test-artifacts/screenshots/languages-<language>-{form,chat,end,transcript}.png.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import AR from '../../widget-src/app/i18n/ar';
import DE from '../../widget-src/app/i18n/de';
import type { LanguageTable } from '../../widget-src/app/i18n/en';
import { EN_CHAT } from '../../widget-src/app/i18n/en-chat';
import { EN_FORM } from '../../widget-src/app/i18n/en-form';
import ES from '../../widget-src/app/i18n/es';
import FR from '../../widget-src/app/i18n/fr';
import PT_BR from '../../widget-src/app/i18n/pt-BR';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { DEFAULT_WELCOME_MESSAGE } from '../../functions/lib/welcome';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let hosts: HostServer;

/** Opens a customer's page (another origin) in a browser set to `locale`; answers the page and every URL it requested. */
async function openHost(browser: BrowserSession, name: string): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const script = `<script src="${stack.baseUrl}/webchat.js" async></script>`;
  await page.goto(hosts.setPage(name, { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${script}</head><body><h1>Shop</h1></body></html>` }));
  return { page, requested };
}

async function noViolations(page: Page, where: string): Promise<void> {
  const violations = await runAxe(page, [['twilio-webchat']]);
  const found = violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  expect({ where, violations: found }).toStrictEqual({ where, violations: [] });
}

const translationsIn = (requested: string[]): string[] =>
  requested.flatMap((url) => /\/webchat\/texts-([\w-]+)-[A-Z0-9]+\.js$/.exec(new URL(url).pathname)?.slice(1) ?? []);

const transcriptChunks = (requested: string[]): string[] => requested.filter((url) => /\/webchat\/transcript-[A-Z0-9]+\.js$/.test(new URL(url).pathname));

/** Clicks `button` and answers the file it downloads. */
async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  return readFile(await file.path(), 'utf8');
}

const box = async (page: Page, selector: string): Promise<{ left: number; right: number }> => {
  const found = await page.locator(selector).first().boundingBox();
  if (found === null) throw new Error(`${selector} is not shown`);
  return { left: found.x, right: found.x + found.width };
};

/** Fills the form and starts a chat; resolves once the chat is usable (the composer takes text). */
async function startChat(page: Page): Promise<void> {
  await page.locator('#twc-field-friendlyName').fill('Dana');
  await page.locator('#twc-field-email').fill('dana@example.com');
  await page.locator('#twc-field-query').fill('Wo ist meine Bestellung? ¿Dónde? أين طلبي؟');
  await page.locator('twilio-webchat button[type="submit"]').click();
  await page.locator('twilio-webchat .message.mine .bubble').waitFor();
  await page.locator('twilio-webchat .notice').waitFor();
  await page.locator('#twc-composer:not([readonly])').waitFor();
}

const LANGUAGES: Array<[string, string, LanguageTable]> = [
  ['de', 'de-DE', DE],
  ['fr', 'fr-FR', FR],
  ['es', 'es-MX', ES],
  ['pt-BR', 'pt-BR', PT_BR],
  ['ar', 'ar-EG', AR],
];

jest.setTimeout(240_000);

describe('the widget in the visitor’s language', () => {
  beforeAll(async () => {
    hosts = await startHostServer();
    // The built-in welcomes, one per language, as a deployment that leaves WELCOME_MESSAGE unset has.
    stack = await startStack({ ALLOWED_ORIGINS: hosts.origin, WELCOME_MESSAGE: DEFAULT_WELCOME_MESSAGE });
  });

  afterAll(async () => {
    await stack?.stop();
    await hosts?.stop();
  });

  test('an English browser fetches no translation, and the loader carries none', async () => {
    const browser = await launchBrowser('en-US');
    try {
      const { page, requested } = await openHost(browser, 'en');
      await page.locator('twilio-webchat button.launcher').click();
      await page.locator('#twc-field-friendlyName').waitFor();
      expect(await page.locator('twilio-webchat button[type="submit"]').textContent()).toBe(EN_FORM.start);
      expect(await page.locator('twilio-webchat .panel').getAttribute('lang')).toBe('en-US');
      expect(translationsIn(requested)).toStrictEqual([]);
      const loader = await (await fetch(`${stack.baseUrl}/webchat.js`)).text();
      for (const table of [DE, FR, ES, PT_BR, AR]) expect(loader).not.toContain(table.placeholder);
    } finally {
      await browser.close();
    }
  });

  test.each(LANGUAGES)('a %s browser (%s) reads the form and the chat in its language', async (language, locale, texts) => {
    const browser = await launchBrowser(locale);
    try {
      const { page, requested } = await openHost(browser, language);
      await page.locator('twilio-webchat button.launcher').click();
      await page.locator('#twc-field-friendlyName').waitFor();
      const panel = page.locator('twilio-webchat .panel');
      expect(await panel.getAttribute('lang')).toBe(locale);
      expect(await panel.getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
      expect(await page.locator('twilio-webchat .title').textContent()).toBe(texts.title);
      expect(await page.locator('twilio-webchat label[for="twc-field-email"]').textContent()).toBe(texts.email);
      expect(await page.locator('twilio-webchat button[type="submit"]').textContent()).toBe(texts.start);
      expect(await page.locator('twilio-webchat .header button').getAttribute('aria-label')).toBe(texts.minimize);
      // The loader's launcher is labelled by the app, in the language, once the app is here.
      expect(await page.locator('twilio-webchat button.launcher').getAttribute('aria-label')).toBe(texts['launcher.close']);
      // Only this language's file, once.
      expect(translationsIn(requested)).toStrictEqual([language]);
      // An inline error in the language too.
      await page.locator('#twc-field-email').fill('not-an-email');
      await page.locator('twilio-webchat button[type="submit"]').click();
      await page.locator('#twc-field-email-error').waitFor();
      expect(await page.locator('#twc-field-email-error').textContent()).toBe(texts.badEmail);
      // A label's text starts where the language's text starts: at the right in Arabic.
      const inkStart = await page.locator('twilio-webchat label[for="twc-field-email"]').evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const ink = range.getBoundingClientRect();
        const own = el.getBoundingClientRect();
        return { fromLeft: ink.left - own.left, fromRight: own.right - ink.right };
      });
      if (language === 'ar') expect(inkStart.fromRight).toBeLessThan(inkStart.fromLeft);
      else expect(inkStart.fromLeft).toBeLessThan(inkStart.fromRight);
      await screenshot(page, `languages-${language}-form`);
      await noViolations(page, `${language} form`);

      await startChat(page);
      expect(await page.locator('#twc-composer').getAttribute('placeholder')).toBe(texts.placeholder);
      expect(await page.locator('twilio-webchat button.send').getAttribute('aria-label')).toBe(texts.send);
      expect(await page.locator('twilio-webchat .messages').getAttribute('aria-label')).toBe(texts.messages);
      expect(await page.locator('twilio-webchat .receipt').textContent()).toBe(texts.sent);
      // The welcome speaks the visitor's language, as a notice of the chat rather than an agent's message.
      expect(await page.locator('twilio-webchat .notice').textContent()).toBe((JSON.parse(DEFAULT_WELCOME_MESSAGE) as Record<string, string>)[language]);
      await screenshot(page, `languages-${language}-chat`);
      await noViolations(page, `${language} chat`);

      const [mine, notice, list] = [await box(page, '.message.mine'), await box(page, '.notice'), await box(page, '.messages')];
      const [send, text] = [await box(page, 'button.send'), await box(page, '#twc-composer')];
      if (language === 'ar') {
        // Mirrored: the visitor's messages on the left, Send at the left end.
        expect(mine.left - list.left).toBeLessThan(list.right - mine.right);
        expect(send.right).toBeLessThanOrEqual(text.left);
        expect(await page.locator('twilio-webchat button.send .icon').evaluate((icon) => getComputedStyle(icon).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
      } else {
        expect(list.right - mine.right).toBeLessThan(mine.left - list.left);
        expect(send.left).toBeGreaterThanOrEqual(text.right);
      }
      // The notice stands in the middle, whichever way the language runs.
      expect(Math.abs(notice.left - list.left - (list.right - notice.right))).toBeLessThan(2);
    } finally {
      await browser.close();
    }
  });

  test.each(LANGUAGES.filter(([language]) => language === 'de' || language === 'ar'))(
    'a %s browser (%s) ends the chat and makes a transcript in its language',
    async (language, locale, texts) => {
      const browser = await launchBrowser(locale);
      try {
        const { page, requested } = await openHost(browser, `${language}-chat`);
        await page.locator('twilio-webchat button.launcher').click();
        await startChat(page);
        const endOpen = page.locator('twilio-webchat .end-open');
        expect(await endOpen.textContent()).toBe(texts['endChat.open']);
        await endOpen.click();
        const confirm = page.locator('twilio-webchat .end-confirm[role="group"]');
        expect(await confirm.locator('p').textContent()).toBe(texts['endChat.question']);
        expect(await confirm.locator('button.primary').textContent()).toBe(texts['endChat.open']);
        expect(await confirm.locator('button.secondary').textContent()).toBe(texts['endChat.keep']);
        await screenshot(page, `languages-${language}-end`);
        await noViolations(page, `${language} end-chat confirm`);
        await confirm.locator('button.secondary').click();

        // The builder is fetched for a transcript, not with the chat view; a failed fetch is told, and the next click retries.
        expect(transcriptChunks(requested)).toStrictEqual([]);
        await page.route(/\/webchat\/transcript-[A-Z0-9]+\.js$/, (route) => route.abort());
        const toggle = page.locator('twilio-webchat .transcript-toggle');
        expect(await toggle.textContent()).toBe(texts['transcript.menu']);
        await toggle.click();
        expect(await page.locator('twilio-webchat .transcript-buttons button').allTextContents()).toStrictEqual([texts['transcript.downloadText'], texts['transcript.downloadHtml']]);
        await page.locator('twilio-webchat .transcript-buttons button').first().click();
        await page.locator('twilio-webchat .transcript-status.error', { hasText: texts['transcript.failed'] }).waitFor();
        await screenshot(page, `languages-${language}-transcript`);
        await noViolations(page, `${language} transcript menu`);
        await page.unrouteAll();

        const text = await download(page, 'twilio-webchat .transcript-buttons button:nth-child(1)');
        expect(text.split('\n')[0]).toBe(texts['transcript.title']);
        await page.locator('twilio-webchat .transcript-status', { hasText: texts['transcript.downloaded'] }).waitFor();
        const html = await download(page, 'twilio-webchat .transcript-buttons button:nth-child(2)');
        expect(html).toContain(`<title>${texts['transcript.title']}</title>`);
        expect(html).toContain(`<h1>${texts['transcript.title']}</h1>`);
        for (const file of [text, html]) expect(file).not.toContain(EN_CHAT['transcript.title']);
        expect(transcriptChunks(requested).length).toBeGreaterThan(0);

        await endOpen.click();
        await confirm.locator('button.primary').click();
        await page.locator('twilio-webchat .ended p', { hasText: texts['endChat.endedByVisitor'] }).waitFor();
      } finally {
        await browser.close();
      }
    },
  );
});
