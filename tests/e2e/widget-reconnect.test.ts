/**
 * A send whose answer is lost, then a reconnect, in headless Chromium on the real Conversations SDK
 * against the local stack. Twilio stores the visitor's message but its answer is held back (a frame
 * delay), the connection drops and stays refused while the agent writes over REST, then the service
 * comes back. The visitor must then see exactly the conversation, their own message once, however
 * many messages arrived meanwhile: the SDK hides the replayed "message added" events of messages a
 * query already fetched while it re-subscribed, so the widget reconciles by index.
 */
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import type { Page } from 'playwright-core';
import { EmulatedAgent } from '../support/agent';
import { launchBrowser, screenshot, type BrowserSession } from '../support/browser';
import { shownWhenSettled } from '../support/shown-messages';
import { startStack, type TestStack } from '../support/stack';
import { startChatAs } from '../support/visitor';

let stack: TestStack;
let browser: BrowserSession;
let page: Page;
let agent: EmulatedAgent;

jest.setTimeout(120_000);

/** Every text of the conversation, oldest first, as Twilio's REST API lists them. */
async function conversationBodies(): Promise<string[]> {
  return (await agent.listOverRest()).flatMap((m) => (m.body === null ? [] : [m.body]));
}

/**
 * The steps: the visitor sends "hello" while every frame the emulator sends is held back
 * 5 s; once Twilio has stored it, the service becomes unreachable (the socket drops, reconnections
 * are refused), the agent sends `agentMessages` over REST, and the service comes back.
 */
async function helloLostThenAgentWrites(agentMessages: number): Promise<void> {
  await stack.emulator.realtimeFault({ frameDelayMs: 5_000 });
  await page.locator('#twc-composer').fill('hello');
  await page.locator('#twc-composer').press('Enter');
  // Asked again until Twilio has it (each answer is a round trip: no timer involved).
  while (!(await conversationBodies()).includes('hello'));
  await stack.emulator.realtimeFault({ refuseConnections: 1000 });
  await stack.emulator.dropSockets();
  await stack.emulator.realtimeFault({ frameDelayMs: 0 });
  for (let i = 1; i <= agentMessages; i += 1) await agent.sendOverRest(`Agent message ${i}`);
  await stack.emulator.clearRealtimeFaults();
  await page.locator('twilio-webchat .message.pending').first().waitFor({ state: 'detached' });
}

describe('reconnecting after a send whose outcome is unknown', () => {
  beforeEach(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.newPage();
    await startChatAs(page, stack.baseUrl, { name: 'Noor', email: 'noor@example.com', question: 'Where is my refund?' });
    agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
  });

  afterEach(async () => {
    await agent?.leave();
    await browser?.close();
    await stack?.stop();
  });

  test('the visitor sees every message of the conversation afterwards, their own once, and the agent’s next ones', async () => {
    await helloLostThenAgentWrites(3);
    const bodies = await conversationBodies();
    expect(bodies.filter((body) => body === 'hello')).toHaveLength(1);
    expect(await shownWhenSettled(page, bodies)).toStrictEqual(bodies);
    await screenshot(page, 'reconnect-01-reconciled');

    await agent.sendOverRest('Anything else?');
    expect(await shownWhenSettled(page, [...bodies, 'Anything else?'])).toStrictEqual([...bodies, 'Anything else?']);
  });

  test('with 60 agent messages meanwhile, "hello" is stored once and every message is shown', async () => {
    await helloLostThenAgentWrites(60);
    const bodies = await conversationBodies();
    expect(bodies.filter((body) => body === 'hello')).toHaveLength(1);
    expect(await shownWhenSettled(page, bodies)).toStrictEqual(bodies);
  });
});
