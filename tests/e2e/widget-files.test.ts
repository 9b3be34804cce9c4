/**
 * Several files chosen in one go, in headless Chromium against the local stack: Flex's web chat
 * takes one file per message and no text beside it, so the caption and each file reach the agent
 * as messages of their own, in order, each with its own media; a file Twilio refuses shows "Not
 * sent" with a retry, keeps the files after it waiting, and the retry sends them in order.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { startStack, type TestStack } from '../support/stack';
import { twilioAt } from '../support/twilio-at-emulator';
import { startChatAs } from '../support/visitor';

let stack: TestStack;
let browser: BrowserSession;

const rest = () => twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');

const FILES = [
  { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 invoice') },
  { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('order 1234') },
];

/** What the agent's side holds after the question: each message's text and media, as Twilio's REST API lists them. */
async function agentSees(conversationSid: string): Promise<Array<[string | null, Array<[string, string, number]>]>> {
  const messages = await rest().conversations.v1.conversations(conversationSid).messages.list({ order: 'asc' });
  return messages
    .filter((message) => message.author !== 'Concierge')
    .slice(1)
    .map((message) => [message.body, ((message.media ?? []) as Array<{ filename: string; content_type: string; size: number }>).map((media) => [media.filename, media.content_type, media.size])]);
}

async function newChat(name: string): Promise<{ page: Page; conversationSid: string }> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    if (sessionStorage.getItem('test:fresh') === null) {
      localStorage.clear();
      sessionStorage.setItem('test:fresh', '1');
    }
  });
  await startChatAs(page, stack.baseUrl, { name, email: 'visitor@example.com', question: `Question from ${name}` });
  const conversations = await rest().conversations.v1.conversations.list();
  const newest = conversations.sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime())[0];
  if (newest === undefined) throw new Error('no conversation');
  return { page, conversationSid: newest.sid };
}

const expected = FILES.map((file): [string | null, Array<[string, string, number]>] => [null, [[file.name, file.mimeType, file.buffer.length]]]);

jest.setTimeout(180_000);

describe('several files in one go', () => {
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('three files and a caption reach the agent as four messages, in order, one file each', async () => {
    const { page, conversationSid } = await newChat('Three Files');
    await page.locator('twilio-webchat input[type="file"]').setInputFiles(FILES);
    expect(await page.locator('twilio-webchat .chip').count()).toBe(3);
    await page.locator('#twc-composer').fill('Here are my documents');
    await page.locator('twilio-webchat button.send').click();
    await page.locator('twilio-webchat .chip').first().waitFor({ state: 'detached' });
    await page.locator('twilio-webchat a.media.file', { hasText: 'notes.txt' }).waitFor();
    expect(await agentSees(conversationSid)).toStrictEqual([['Here are my documents', []], ...expected]);
    expect(await page.locator('twilio-webchat .composer-errors').count()).toBe(0);
    await screenshot(page, 'files-three-sent');
    await page.close();
  });

  test('a file Twilio refuses says "Not sent" with Retry, the files after it wait, and Retry sends them in order', async () => {
    const { page, conversationSid } = await newChat('Retry Files');
    // The second file's message is refused once.
    await stack.emulator.realtimeFault({
      failRequests: { method: 'POST', path: '/Conversations/CH[0-9a-f]{32}/Messages$', status: 400, code: 50_000, message: 'Refused for the test', times: 1, skip: 1 },
    });
    await page.locator('twilio-webchat input[type="file"]').setInputFiles(FILES);
    await page.locator('twilio-webchat button.send').click();
    const failed = page.locator('twilio-webchat .chip.failed', { hasText: 'invoice.pdf' });
    await failed.waitFor();
    expect(await failed.textContent()).toContain('Not sent');
    expect(await page.locator('twilio-webchat .chip').allTextContents()).toHaveLength(2);
    expect(await agentSees(conversationSid)).toStrictEqual(expected.slice(0, 1));
    expect(await runAxe(page, [['twilio-webchat']])).toStrictEqual([]);
    await screenshot(page, 'files-not-sent');

    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.locator('twilio-webchat .chip').first().waitFor({ state: 'detached' });
    expect(await agentSees(conversationSid)).toStrictEqual(expected);
    await page.close();
  });
});
