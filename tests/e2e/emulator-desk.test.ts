/**
 * The agent desk in headless Chromium: a person plays the Flex agent, the page running the real
 * @twilio/conversations SDK against the emulator, while the visitor is played by the same SDK
 * under Node. Every step waits for what a person would see (or what the visitor's SDK receives),
 * never for time. Screenshots land in test-artifacts/screenshots/desk-*.png.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Client, Conversation, Message, Participant } from '@twilio/conversations';
import type { Page } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { launchBrowser, runAxe, screenshot, type BrowserSession } from '../support/browser';
import { connect, nextEvent } from '../support/conversations-sdk';
import { TEST_EMULATOR_OPTIONS as O, accessToken, twilioAt } from '../support/twilio-at-emulator';

const PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const AGENT = 'agent-alice';

jest.setTimeout(60_000);

describe('agent desk in a browser', () => {
  let emulator: RunningEmulator;
  let rest: ReturnType<typeof twilioAt>;
  let browser: BrowserSession;
  let page: Page;
  let visitor: Client;
  let visitorSide: Conversation;
  let visitorIdentity: string;

  beforeAll(async () => {
    emulator = await startEmulator(O);
    rest = twilioAt(emulator.url, O.accountSid, O.authToken);
    const chat = await rest.flexApi.v2.webChannels.create({
      addressSid: O.addressSid,
      chatFriendlyName: 'Chat with Ada',
      customerFriendlyName: `Ada ${PAYLOAD}`,
      preEngagementData: JSON.stringify({ friendlyName: 'Ada', question: `Order? ${PAYLOAD}` }),
    });
    visitorIdentity = chat.identity;
    await rest.conversations.v1.conversations(chat.conversationSid).messages.create({ author: chat.identity, body: `Order? ${PAYLOAD}` });
    visitor = await connect(emulator.url, accessToken(chat.identity));
    // The visitor renews its token like the widget does when the desk expires every token.
    visitor.on('tokenExpired', () => {
      void nextEvent(visitor, 'connectionStateChanged', (state) => state === 'disconnected').then(() => visitor.updateToken(accessToken(chat.identity)));
    });
    visitorSide = await visitor.getConversationBySid(chat.conversationSid);
    // Until the first page and the roster are loaded the SDK does not deliver their events.
    await visitorSide.getMessages();
    await visitorSide.getParticipants();
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await visitor?.shutdown();
    await browser?.close();
    await emulator?.close();
  });

  /**
   * Console errors and page errors, but one that faults provoke: when a token expiry or a drop
   * lands while the SDK is still re-syncing after a reconnect, the SDK's WebSocketChannel.send()
   * writes to the socket the emulator closed and Chromium logs this line. That is the SDK's own
   * reaction to the injected fault (it would be against Twilio too), not the desk's.
   */
  function problemsSinceFaults(): string[] {
    const sdkWroteToClosedSocket = /^console: WebSocket is already in CLOSING or CLOSED state\. \(http:\/\/127\.0\.0\.1:\d+\/desk\.js\)$/;
    return browser.problems.filter((problem) => !sdkWroteToClosedSocket.test(problem));
  }

  /** A screenshot of the desk as a person sees it on arriving: scrolled to the top. */
  async function deskScreenshot(name: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name);
  }

  async function assertInert(): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(undefined);
    expect(await page.locator('img[src="x"], main script').count()).toBe(0);
  }

  /** Connection events the desk logged so far, newest first. */
  const connectionLog = (): Promise<string[]> => page.getByTestId('desk-connection-event').allInnerTexts();

  /**
   * Waits until, among the events logged after the first `before` ones, one containing `first`
   * was logged and later one containing `then`, and the desk shows the connection as connected.
   */
  async function untilLogged(before: number, first: string, then: string): Promise<void> {
    await page.waitForFunction(
      ({ before, first, then }) => {
        const items = [...document.querySelectorAll('[data-testid="desk-connection-event"]')].map((item) => item.textContent ?? '');
        const fresh = items.slice(0, items.length - before);
        const a = fresh.findIndex((text) => text.includes(first));
        const b = fresh.findIndex((text) => text.includes(then));
        const state = document.querySelector('[data-testid="desk-connection-state"]')?.textContent;
        return a >= 0 && b >= 0 && b < a && state === 'connected';
      },
      { before, first, then },
    );
  }

  test('lists the conversation with its pre-engagement data shown as text', async () => {
    await page.goto(emulator.url);
    const item = page.getByTestId('desk-conversation');
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Chat with Ada/);
    expect(await item.innerText()).toMatch(/question\s+Order\? <img src=x/);
    expect(await page.getByTestId('desk-connection-state').innerText()).toBe('not connected');
    await assertInert();
    await deskScreenshot('desk-list');
  });

  test('joins under a display name the visitor sees, with the conversation so far, over the SDK', async () => {
    const joined = nextEvent<[Participant]>(visitorSide, 'participantJoined');
    await page.getByLabel('Your display name').fill('Alice');
    await page.getByRole('button', { name: 'Join Chat with Ada' }).click();
    await page.getByTestId('desk-message').first().waitFor();
    expect(await page.getByTestId('desk-message-body').first().innerText()).toMatch(/^Order\? <img/);
    await page.getByTestId('desk-message-author').filter({ hasText: /^Ada <img/ }).waitFor();
    await page.getByTestId('desk-pre-engagement').filter({ hasText: 'Order? <img' }).waitFor();
    await page.getByTestId('desk-connection-state').filter({ hasText: /^connected$/ }).waitFor();
    const [agent] = await joined;
    expect(agent.identity).toBe(AGENT);
    expect((await agent.getUser()).friendlyName).toBe('Alice');
    await assertInert();
  });

  test('shows the visitor typing and sends typing and text the visitor receives from the agent', async () => {
    await visitorSide.typing();
    await page.getByTestId('desk-typing').filter({ hasText: /^Ada <img.* is typing…$/ }).waitFor();

    const typing = nextEvent<[Participant]>(visitorSide, 'typingStarted');
    const composer = page.getByLabel('Message', { exact: true });
    await composer.pressSequentially('Hello from the desk');
    expect((await typing)[0].identity).toBe(AGENT);

    const reply = nextEvent<[Message]>(visitorSide, 'messageAdded');
    await composer.press('Enter');
    const [message] = await reply;
    expect([message.author, message.body]).toStrictEqual([AGENT, 'Hello from the desk']);
    await page.getByTestId('desk-message-author').filter({ hasText: 'Alice (you)' }).waitFor();
    expect(await composer.inputValue()).toBe('');
  });

  test('sends a file the visitor receives and can download', async () => {
    const added = nextEvent<[Message]>(visitorSide, 'messageAdded');
    await page.getByLabel('Attach a file').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const [message] = await added;
    expect(message.author).toBe(AGENT);
    const media = message.attachedMedia ?? [];
    expect(media.map((m) => [m.filename, m.contentType, m.size])).toStrictEqual([['note.txt', 'text/plain', 5]]);
    const url = await media[0]?.getContentTemporaryUrl();
    expect(await (await fetch(url ?? '')).text()).toBe('hello');
    await page.getByTestId('desk-media').filter({ hasText: 'note.txt (5 B)' }).waitFor();
  });

  test('shows files from the visitor and their read horizon, and sets the agent read horizon', async () => {
    await visitorSide.sendMessage({ contentType: 'image/png', filename: '<b>photo</b>.png', media: Buffer.from([137, 80, 78, 71]) });
    await page.getByTestId('desk-media').filter({ hasText: '<b>photo</b>.png' }).waitFor();
    await page.locator('img[alt="<b>photo</b>.png"][src]').waitFor();

    await visitorSide.advanceLastReadMessageIndex(2);
    await page.getByTestId('desk-participant').filter({ hasText: /^Ada <img.*: read up to #2$/ }).waitFor();

    const read = nextEvent<[{ participant: Participant }]>(visitorSide, 'participantUpdated', ({ participant }) => participant.identity === AGENT && participant.lastReadMessageIndex === 3);
    await page.getByRole('button', { name: 'Mark read' }).click();
    await read;
    await page.getByTestId('desk-participant').filter({ hasText: 'Alice (you): read up to #3' }).waitFor();
    await assertInert();
    await deskScreenshot('desk-chat');
  });

  test('shows participants joining and leaving', async () => {
    const participants = rest.conversations.v1.conversations(visitorSide.sid).participants;
    await participants.create({ identity: 'supervisor' });
    await page.getByTestId('desk-notice').filter({ hasText: 'supervisor joined the conversation.' }).waitFor();
    await page.getByTestId('desk-participant').filter({ hasText: 'supervisor' }).waitFor();
    await participants('supervisor').remove();
    await page.getByTestId('desk-notice').filter({ hasText: 'supervisor left the conversation.' }).waitFor();
    expect(await page.getByTestId('desk-participant').allInnerTexts()).toHaveLength(2);
  });

  /** The visitor's message reaches the desk: the agent's client is caught up and listening. */
  /**
   * The visitor sends `body` and the desk shows it. Faults cut the visitor's socket too: it sends
   * once its own client is connected again (the SDK refuses to send while it re-initialises).
   */
  async function visitorReaches(body: string): Promise<void> {
    if (visitor.connectionState !== 'connected') await nextEvent(visitor, 'connectionStateChanged', (state) => state === 'connected');
    await visitorSide.sendMessage(body);
    await page.getByTestId('desk-message-body').filter({ hasText: body }).waitFor();
  }

  test('has no accessibility violations and logs no errors', async () => {
    const violations = await runAxe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toStrictEqual([]);
    expect(browser.problems).toStrictEqual([]);
  });

  test('the Connection section drops sockets, expires tokens and refuses start-ups, and the agent client recovers each time', async () => {
    let before = (await connectionLog()).length;
    await page.getByRole('button', { name: 'Drop connections' }).click();
    await untilLogged(before, ' connecting', ' connected');
    await visitorReaches('After the drop');

    before = (await connectionLog()).length;
    await page.getByRole('button', { name: 'Expire tokens' }).click();
    await untilLogged(before, 'token expired: renewing the token', 'token renewed');
    await visitorReaches('After the expiry');

    // Refused until cleared, so the agent's client meets the refusal whatever the visitor's does.
    before = (await connectionLog()).length;
    await page.getByLabel('Refuse start-up').selectOption('503');
    await page.getByLabel('Refusals').fill('100');
    await page.getByRole('button', { name: 'Apply faults' }).click();
    await page.getByTestId('desk-connection-event').filter({ hasText: 'faults: refuse start-up with 503 100×' }).waitFor();
    await page.getByRole('button', { name: 'Drop connections' }).click();
    await page.getByTestId('desk-connection-event').filter({ hasText: 'connection error' }).first().waitFor();
    await page.getByRole('button', { name: 'Clear faults' }).click();
    await page.getByTestId('desk-connection-event').filter({ hasText: 'faults: none' }).waitFor();
    await untilLogged(before, 'connection error', ' connected');

    // Both sides are live again: a message each way.
    await visitorReaches('Still there?');
    const reply = nextEvent<[Message]>(visitorSide, 'messageAdded', (message) => message.body === 'Yes, back again');
    await page.getByLabel('Message', { exact: true }).fill('Yes, back again');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    expect((await reply)[0].author).toBe(AGENT);
    expect(problemsSinceFaults()).toStrictEqual([]);
    await page.getByTestId('desk-connection').scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-connection');
  });

  test('ends the conversation for both sides and says who ended it', async () => {
    const ended = nextEvent<[{ updateReasons: string[] }]>(visitorSide, 'updated', ({ updateReasons }) => updateReasons.includes('state'));
    await page.getByRole('button', { name: 'End conversation' }).click();
    await ended;
    expect(visitorSide.state?.current).toBe('closed');
    await page.getByTestId('desk-chat-state').filter({ hasText: 'This conversation has ended. You ended it.' }).waitFor();
    await page.getByTestId('desk-notice').filter({ hasText: 'The conversation has ended.' }).waitFor();
    for (const control of ['Message', 'Attach a file']) expect(await page.getByLabel(control, { exact: true }).isDisabled()).toBe(true);
    for (const button of ['Send', 'Mark read', 'End conversation']) expect(await page.getByRole('button', { name: button, exact: true }).isDisabled()).toBe(true);
    await page.getByTestId('desk-conversation').filter({ hasText: /closed · 8 messages/ }).waitFor();
    await deskScreenshot('desk-ended');
  });

  test('pages older messages of a long conversation', async () => {
    const long = await rest.conversations.v1.conversations.create({ friendlyName: 'Long chat' });
    for (let i = 0; i < 33; i += 1) {
      await rest.conversations.v1.conversations(long.sid).messages.create({ author: visitorIdentity, body: `line ${i}` });
    }
    await page.getByRole('button', { name: 'Join Long chat' }).click();
    await page.getByTestId('desk-message-body').filter({ hasText: 'line 32' }).waitFor();
    expect(await page.getByTestId('desk-message').count()).toBe(30);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await page.getByTestId('desk-message-body').filter({ hasText: /^line 0$/ }).waitFor();
    const bodies = await page.getByTestId('desk-message-body').allInnerTexts();
    expect(bodies).toStrictEqual(Array.from({ length: 33 }, (_, i) => `line ${i}`));
    expect(await page.getByRole('button', { name: 'Load older messages' }).isHidden()).toBe(true);
    expect((await runAxe(page)).map((v) => `${v.id}: ${v.help}`)).toStrictEqual([]);
    expect(problemsSinceFaults()).toStrictEqual([]);
  });
});
