/**
 * The page's JavaScript API, the same in every engine: prefill and open from page code, then the
 * events a page hears when a chat starts and the agent writes while the panel is closed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmulatedAgent } from '../agent';
import { startStack, type TestStack } from '../stack';
import type { EnginePage } from './engine-page';
import { Widget } from './widget';

type Api = Record<string, (...args: unknown[]) => unknown>;

/** Calls `Twilio.webchat[method](...args)` in the page. */
function call(page: EnginePage, method: string, ...args: unknown[]): Promise<unknown> {
  return page.run(([name, values]) => (window as unknown as { Twilio: { webchat: Api } }).Twilio.webchat[name]?.(...values), [method, args] as const);
}

/** Resolves with the detail of the first `event` the page heard (listeners are added by `listen`). */
function heard(page: EnginePage, event: string): Promise<unknown> {
  return page.run(
    (name) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + 20_000;
        const check = (): void => {
          const found = (window as unknown as { heard: Array<[string, unknown]> }).heard.find(([e]) => e === name);
          if (found !== undefined) resolve(found[1]);
          else if (Date.now() > deadline) reject(new Error(`the page never heard ${name}`));
          else setTimeout(check, 20);
        };
        check();
      }),
    event,
  );
}

export function pageApiJourney(launch: () => Promise<EnginePage>): void {
  let stack: TestStack;
  let page: EnginePage;
  let widget: Widget;
  let agent: EmulatedAgent;

  describe('the page API', () => {
    beforeAll(async () => {
      [stack, page] = await Promise.all([startStack(), launch()]);
      widget = new Widget(page);
      await page.goto(`${stack.baseUrl}/`);
      await widget.shows('button.launcher');
      await page.run((events) => {
        const heardEvents: Array<[string, unknown]> = [];
        (window as unknown as { heard: typeof heardEvents }).heard = heardEvents;
        const webchat = (window as unknown as { Twilio: { webchat: Api } }).Twilio.webchat;
        for (const event of events) webchat.on?.(event, (detail: unknown) => heardEvents.push([event, detail]));
      }, ['open', 'chatStarted', 'messageReceived', 'unreadChanged']);
    });

    afterAll(async () => {
      await agent?.leave();
      await page?.close();
      await stack?.stop();
    });

    test('prefill and open show the form filled in; a started chat and the agent’s messages are heard', async () => {
      await call(page, 'prefill', { friendlyName: 'Ada Lovelace', email: 'ada@example.com' });
      await call(page, 'open');
      await heard(page, 'open');
      await widget.shows('#twc-field-friendlyName');
      expect(await call(page, 'isOpen')).toBe(true);
      expect(await widget.property('#twc-field-friendlyName', 'value')).toBe('Ada Lovelace');
      expect(await widget.property('#twc-field-email', 'value')).toBe('ada@example.com');

      await page.type('#twc-field-query', 'Where is my order?\n');
      const started = (await heard(page, 'chatStarted')) as { conversationSid: string };
      expect(started.conversationSid).toBe((await EmulatedAgent.latestConversation(stack.env)).sid);
      agent = await EmulatedAgent.join(stack.env, started.conversationSid, 'Alex');
      // As agents do, Alex types first; the widget knows the name Flex gives once it shows it.
      await agent.typing();
      await widget.shows('.typing', 'Alex is typing');
      await call(page, 'close');
      await agent.send('Hello from Alex');
      expect(await heard(page, 'messageReceived')).toStrictEqual({ author: 'Alex', body: 'Hello from Alex' });
      expect(await heard(page, 'unreadChanged')).toStrictEqual({ count: 1 });
      await page.screenshot('api-01-unread');
    });
  });
}
