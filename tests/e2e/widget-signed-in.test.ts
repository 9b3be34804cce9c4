/**
 * Signed-in visitors in headless Chromium on the real Conversations SDK against the local stack:
 * the site signs its user in (an identity token, as its backend would sign it), and their chat
 * follows them to a second browser, both sides in sync; signing out leaves nothing in that browser,
 * and the next user there sees only their own.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { startHostServer, type HostServer } from '../support/host-server';
import { IDENTITY_SECRET, signIdentity } from '../support/identity-token';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let host: HostServer;
let laptop: BrowserSession;
let phone: BrowserSession;
let agent: EmulatedAgent | undefined;
let pageUrl = '';

const bubble = (page: Page, text: string) => page.locator('twilio-webchat .message:not(.pending) .bubble', { hasText: text });
const composer = (page: Page) => page.locator('#twc-composer');

/** The site's page for a signed-in user: the token its backend signed, handed to the widget. */
async function openAs(browser: BrowserSession, user: { sub: string; name: string; email: string }): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${pageUrl}#${await signIdentity(stack.baseUrl, user)}`);
  await page.locator('twilio-webchat button.launcher').click();
  return page;
}

/** Sends the form (with a typed name and email that the token's replace) and answers the new chat's SID. */
async function startChat(page: Page, question: string): Promise<string> {
  await page.locator('#twc-field-friendlyName').fill('Someone');
  await page.locator('#twc-field-email').fill('someone@example.com');
  await page.locator('#twc-field-query').fill(question);
  await page.locator('#twc-field-query').press('Enter');
  await bubble(page, question).waitFor();
  return (await EmulatedAgent.latestConversation(stack.env)).sid;
}

const ADA = { sub: 'user-1815', name: 'Ada Lovelace', email: 'ada@example.com' };
const GRACE = { sub: 'user-1906', name: 'Grace Hopper', email: 'grace@example.com' };

jest.setTimeout(120_000);

describe('a signed-in visitor on two browsers', () => {
  beforeAll(async () => {
    host = await startHostServer();
    stack = await startStack({ ALLOWED_ORIGINS: host.origin, VISITOR_IDENTITY_SECRET: IDENTITY_SECRET });
    pageUrl = host.setPage('account', {
      body: `<!doctype html><html lang="en"><head><link rel="icon" href="data:,"></head><body><h1>Your account</h1>
<script src="${stack.baseUrl}/webchat.js" data-auto-init="false"></script>
<script>Twilio.initWebchat({ identityToken: location.hash.slice(1) });</script></body></html>`,
    });
    [laptop, phone] = await Promise.all([launchBrowser(), launchBrowser()]);
  });

  afterAll(async () => {
    await agent?.leave();
    await Promise.all([laptop?.close(), phone?.close()]);
    await stack?.stop();
    await host?.stop();
  });

  test('carries on in the same chat on another browser, and a sign-out leaves nothing for the next user', async () => {
    const onLaptop = await openAs(laptop, ADA);
    // The token's name and email are the chat's, whatever the form says.
    const sid = await startChat(onLaptop, 'Where is my order?');
    expect((await stack.emulator.conversation(sid)).attributes.pre_engagement_data).toMatchObject({ friendlyName: 'Ada Lovelace', email: 'ada@example.com', verified: true });
    agent = await EmulatedAgent.join(stack.env, sid, 'Kim');
    await agent.send('Hello Ada, let me look.');
    await bubble(onLaptop, 'Hello Ada, let me look.').waitFor();

    // The phone: no form, the same conversation, and what is written on either side shows on both.
    const onPhone = await openAs(phone, ADA);
    await bubble(onPhone, 'Hello Ada, let me look.').waitFor();
    await expect(onPhone.locator('#twc-field-query').count()).resolves.toBe(0);
    await composer(onPhone).fill('Writing from my phone now');
    await composer(onPhone).press('Enter');
    await bubble(onLaptop, 'Writing from my phone now').waitFor();
    await expect(agent.delivered(['Writing from my phone now'])).resolves.toStrictEqual(['Writing from my phone now']);
    await agent.send('Found it: it ships today.');
    await Promise.all([bubble(onPhone, 'Found it: it ships today.').waitFor(), bubble(onLaptop, 'Found it: it ships today.').waitFor()]);
    expect((await stack.emulator.conversation(sid)).participants.filter((p) => p.identity !== agent?.identity)).toHaveLength(1);

    // Read state too: with the phone's panel closed, a message read on the laptop is not unread on the phone.
    await onPhone.locator('twilio-webchat button.launcher').click();
    await agent.send('One more thing.');
    await bubble(onLaptop, 'One more thing.').waitFor();
    await bubble(onPhone, 'One more thing.').waitFor({ state: 'attached' });
    await onPhone.waitForFunction(() => document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.badge')?.textContent === '0');
    expect(await onPhone.locator('twilio-webchat .badge').isHidden()).toBe(true);
    await onPhone.locator('twilio-webchat button.launcher').click();

    // Signing out on the phone: the chat goes on on the laptop, and the phone keeps nothing of Ada's.
    await onPhone.evaluate(() => window.Twilio?.webchat?.logout());
    await onPhone.locator('#twc-field-query').waitFor();
    const left = await onPhone.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((key) => key.startsWith('twilio-webchat:')));
    expect(left).toStrictEqual([]);
    await expect(onPhone.locator('#twc-field-friendlyName').inputValue()).resolves.toBe('');
    await expect(bubble(onPhone, 'Hello Ada').count()).resolves.toBe(0);
    expect((await stack.emulator.conversation(sid)).state).toBe('active');

    // The next user on the phone sees only their own: the form, not Ada's chat.
    await onPhone.close();
    const graceOnPhone = await openAs(phone, GRACE);
    await graceOnPhone.locator('#twc-field-query').waitFor();
    await expect(graceOnPhone.locator('twilio-webchat .bubble').count()).resolves.toBe(0);

    await agent.send('Anything else, Ada?');
    await bubble(onLaptop, 'Anything else, Ada?').waitFor();
    expect([...laptop.problems, ...phone.problems]).toStrictEqual([]);
  });

  test('lists their earlier chats, newest first, and reads one back after it ended', async () => {
    const lin = { sub: 'user-2001', name: 'Lin Chen', email: 'lin@example.com' };
    const page = await openAs(laptop, lin);
    const sid = await startChat(page, 'Can I change my address?');
    const kim = await EmulatedAgent.join(stack.env, sid, 'Kim');
    await kim.send('Yes, it is done.');
    await bubble(page, 'Yes, it is done.').waitFor();
    await kim.end();
    await kim.leave();
    await page.locator('twilio-webchat .ended').waitFor();
    await page.close();

    // Later, anywhere: the form, and below it their earlier chats.
    const later = await openAs(phone, lin);
    await later.locator('#twc-field-query').waitFor();
    await later.locator('twilio-webchat button', { hasText: 'Your earlier chats' }).click();
    const listed = later.locator('twilio-webchat .past-list button');
    await listed.first().waitFor();
    await expect(listed.count()).resolves.toBe(1);
    await listed.first().click();
    await later.locator('twilio-webchat .past-transcript li', { hasText: 'Yes, it is done.' }).waitFor();
    await later.locator('twilio-webchat .past-transcript li', { hasText: 'Can I change my address?' }).waitFor();
    expect(await later.locator('twilio-webchat .past-transcript li strong').allTextContents()).toStrictEqual(expect.arrayContaining(['Lin Chen', 'Kim']));
    await later.locator('twilio-webchat button', { hasText: 'Back' }).click();
    await later.locator('twilio-webchat button', { hasText: 'Back' }).click();
    await later.locator('#twc-field-query').waitFor();
    expect([...laptop.problems, ...phone.problems]).toStrictEqual([]);
  });
});
