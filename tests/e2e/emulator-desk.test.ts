/**
 * The agent desk in headless Chromium: a person playing the Flex agent against a visitor played
 * through the emulator's realtime endpoints. Screenshots land in test-artifacts/screenshots/desk-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { MessageView, ParticipantView } from '../../scripts/emulator/protocol';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { SseClient } from '../support/sse-client';
import { TEST_EMULATOR_OPTIONS as O, accessToken, twilioAt } from '../support/twilio-at-emulator';

const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

jest.setTimeout(60_000);

describe('agent desk in a browser', () => {
  let emulator: RunningEmulator;
  let browser: BrowserSession;
  let page: Page;
  let visitorEvents: SseClient;
  let visitor: (path: string, init?: RequestInit) => Promise<Response>;

  beforeAll(async () => {
    emulator = await startEmulator(O);
    const client = twilioAt(emulator.url, O.accountSid, O.authToken);
    const chat = await client.flexApi.v2.webChannels.create({
      addressSid: O.addressSid,
      chatFriendlyName: 'Chat with Ada',
      customerFriendlyName: `Ada ${PAYLOAD}`,
      preEngagementData: JSON.stringify({ friendlyName: 'Ada', question: `Order? ${PAYLOAD}` }),
    });
    await client.conversations.v1.conversations(chat.conversationSid).messages.create({ author: chat.identity, body: `Order? ${PAYLOAD}` });
    const token = accessToken(chat.identity);
    const base = `${emulator.url}/realtime/conversations/${chat.conversationSid}`;
    visitor = (path, init = {}) => fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    visitorEvents = (await SseClient.open(`${base}/events?token=${encodeURIComponent(token)}`)).client;
    await visitorEvents.next('ready');
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    visitorEvents?.close();
    await browser?.close();
    await emulator?.close();
  });

  async function assertInert(): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(undefined);
    expect(await page.locator('img[src="x"], main script').count()).toBe(0);
  }

  test('lists the conversation with its pre-engagement data shown as text', async () => {
    await page.goto(emulator.url);
    const item = page.getByTestId('desk-conversation');
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Chat with Ada/);
    expect(await item.innerText()).toMatch(/question\s+Order\? <img src=x/);
    await assertInert();
    await screenshot(page, 'desk-list');
  });

  test('joins under a display name the visitor sees, with the conversation so far', async () => {
    await page.getByLabel('Your display name').fill('Alice');
    await page.getByRole('button', { name: 'Join Chat with Ada' }).click();
    await page.getByTestId('desk-message').first().waitFor();
    expect(await page.getByTestId('desk-message-body').first().innerText()).toMatch(/^Order\? <img/);
    expect(await page.getByTestId('desk-message-author').first().innerText()).toMatch(/^Ada <img/);
    const joined = await visitorEvents.next('participantJoined');
    expect((joined.data as ParticipantView).friendlyName).toBe('Alice');
    await assertInert();
  });

  test('shows the visitor typing and sends typing, text and files to the visitor', async () => {
    await visitor('/typing', { method: 'POST' });
    await page.getByTestId('desk-typing').filter({ hasText: 'is typing' }).waitFor();
    await page.getByLabel('Message', { exact: true }).pressSequentially('Hello from the desk');
    expect(((await visitorEvents.next('typingStarted')).data as ParticipantView).identity).toBe('agent-alice');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    const reply = (await visitorEvents.next('messageAdded')).data as MessageView;
    expect([reply.author, reply.body]).toStrictEqual(['agent-alice', 'Hello from the desk']);

    await page.getByLabel('Attach files').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByRole('button', { name: 'Send' }).click();
    const file = (await visitorEvents.next('messageAdded')).data as MessageView;
    expect(file.media.map((m) => [m.filename, m.contentType, m.size])).toStrictEqual([['note.txt', 'text/plain', 5]]);
  });

  test('shows files from the visitor and their read horizon, and marks the visitor messages read', async () => {
    const upload = await visitor(`/media?filename=${encodeURIComponent('<b>photo</b>.png')}`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: Buffer.from([137, 80, 78, 71]) });
    const media = (await upload.json()) as { sid: string };
    await visitor('/messages', { method: 'POST', body: JSON.stringify({ mediaSids: [media.sid] }) });
    await page.getByTestId('desk-media').filter({ hasText: '<b>photo</b>.png' }).waitFor();
    await visitor('/read', { method: 'POST', body: JSON.stringify({ index: 2 }) });
    await page.getByTestId('desk-participant').filter({ hasText: 'read up to #2' }).waitFor();
    await page.getByRole('button', { name: 'Mark read' }).click();
    const read = await visitorEvents.next('participantUpdated', (p) => (p as ParticipantView).identity === 'agent-alice' && (p as ParticipantView).lastReadMessageIndex === 3);
    expect(read).toBeTruthy();
    await assertInert();
    await screenshot(page, 'desk-chat');
  });

  test('has no accessibility violations and logs no errors', async () => {
    const violations = await runAxe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toStrictEqual([]);
    expect(browser.problems).toStrictEqual([]);
  });

  test('ends the conversation for both sides', async () => {
    await page.getByRole('button', { name: 'End conversation' }).click();
    const ended = await visitorEvents.next('conversationUpdated', (c) => (c as { state: string }).state === 'closed');
    expect(ended).toBeTruthy();
    await page.getByTestId('desk-chat-state').filter({ hasText: 'This conversation has ended.' }).waitFor();
    expect(await page.getByLabel('Message', { exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'desk-ended');
  });
});
