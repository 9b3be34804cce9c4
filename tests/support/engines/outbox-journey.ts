/**
 * The offline outbox and a reconnect, the same in every engine: with Twilio out of reach (the
 * emulator drops the widget's socket and refuses every reconnection), what the visitor sends waits
 * in order through a reload (kept in the page's storage), and once the service is back each message arrives once and the
 * visitor sees exactly the conversation, the agent's messages of meanwhile included.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmulatedAgent } from '../agent';
import { startStack, type TestStack } from '../stack';
import type { EnginePage } from './engine-page';
import { Widget } from './widget';

const OFFLINE = ['First, while offline', 'Second, while offline'];

export function outboxJourney(launch: () => Promise<EnginePage>): void {
  let stack: TestStack;
  let page: EnginePage;
  let widget: Widget;
  let agent: EmulatedAgent;

  describe('sending while Twilio is out of reach', () => {
    beforeAll(async () => {
      [stack, page] = await Promise.all([startStack(), launch()]);
      widget = new Widget(page);
      await page.goto(`${stack.baseUrl}/`);
      await widget.shows('button.launcher');
      await page.click('button.launcher');
      await widget.shows('#twc-field-friendlyName');
      await page.type('#twc-field-friendlyName', 'Sam');
      await page.type('#twc-field-email', 'sam@example.com');
      await page.type('#twc-field-query', 'Can I change my order?\n');
      await widget.shows('.bubble', 'Can I change my order?');
      agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
    });

    afterAll(async () => {
      await agent?.leave();
      await page?.close();
      await stack?.stop();
    });

    test('messages wait in order through a reload, then arrive once each with what the agent wrote meanwhile', async () => {
      await stack.emulator.realtimeFault({ refuseConnections: 1000 });
      await stack.emulator.dropSockets();
      await widget.shows('.banner', 'Reconnecting');
      for (const text of OFFLINE) await page.type('#twc-composer', `${text}\n`);
      await widget.shows('.message.pending .bubble', OFFLINE[1]);
      expect(await widget.texts('.message.pending .receipt')).toStrictEqual(['Waiting for connection', 'Waiting for connection']);
      await page.screenshot('outbox-01-waiting');

      await page.reload();
      // Still out of reach, the reloaded page keeps them in its outbox (widget-src/app/outbox/outbox-storage.ts).
      const kept = await page.run(
        () =>
          Object.keys(localStorage).flatMap((key) =>
            key.startsWith('twilio-webchat:v1:outbox:') ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { messages: Array<{ body: string }> }).messages.map((m) => m.body) : [],
          ),
        null,
      );
      expect(kept).toStrictEqual(OFFLINE);
      await agent.sendOverRest('Sent while you were away');

      await stack.emulator.clearRealtimeFaults();
      await widget.shows('.message:not(.pending) .bubble', OFFLINE[1]);
      await widget.hides('.message.pending');
      await widget.shows('.bubble', 'Sent while you were away');
      expect(await agent.delivered(OFFLINE)).toStrictEqual(OFFLINE);
      const [question, welcome, ...rest] = (await agent.listOverRest()).flatMap((m) => (m.body === null ? [] : [m.body]));
      // The welcome is the chat's notice, not a bubble; every other message is one, in order.
      expect(await widget.texts('.message:not(.pending) .bubble')).toStrictEqual([question, ...rest]);
      expect(await widget.texts('.notice')).toContain(welcome);
      await page.screenshot('outbox-02-delivered');
    });
  });
}
