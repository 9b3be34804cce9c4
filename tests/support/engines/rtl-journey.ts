/**
 * One right-to-left run, the same in every engine: an Arabic page (`<html dir="rtl" lang="ar">`) on
 * a customer's origin, the widget in Arabic (its `locale` setting); the launcher and the panel sit at the page's inline end
 * (bottom left), the panel reads right to left, and a chat started there shows the agent's reply.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmulatedAgent } from '../agent';
import { startHostServer, type HostServer } from '../host-server';
import { startStack, type TestStack } from '../stack';
import type { EnginePage } from './engine-page';
import { Widget } from './widget';

/** The distances of the widget's element from the viewport's left and right edges. */
function gaps(page: EnginePage, selector: string): Promise<{ left: number; right: number }> {
  return page.run((sel) => {
    const box = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector(sel)?.getBoundingClientRect();
    if (box === undefined) throw new Error(`the widget shows no ${sel}`);
    return { left: Math.round(box.left), right: Math.round(document.documentElement.clientWidth - box.right) };
  }, selector);
}

export function rtlJourney(launch: () => Promise<EnginePage>): void {
  let stack: TestStack;
  let hosts: HostServer;
  let page: EnginePage;
  let widget: Widget;
  let agent: EmulatedAgent;

  describe('a right-to-left page', () => {
    beforeAll(async () => {
      hosts = await startHostServer();
      [stack, page] = await Promise.all([startStack({ ALLOWED_ORIGINS: hosts.origin }), launch()]);
      widget = new Widget(page);
    });

    afterAll(async () => {
      await agent?.leave();
      await page?.close();
      await stack?.stop();
      await hosts?.stop();
    });

    test('the launcher and the panel sit bottom left, the panel reads right to left, and the chat works', async () => {
      // The widget's language from its config: engines differ in how a test can set the browser's own.
      const script = `<script src="${stack.baseUrl}/webchat.js" data-auto-init="false" async></script><script>addEventListener('load', () => Twilio.initWebchat({ locale: 'ar' }));</script>`;
      await page.goto(hosts.setPage('rtl', { body: `<!doctype html><html dir="rtl" lang="ar"><head><meta charset="utf-8"><title>المتجر</title>${script}</head><body><h1>المتجر</h1></body></html>` }));
      await widget.shows('button.launcher');
      await page.click('button.launcher');
      await widget.shows('#twc-field-friendlyName');
      for (const selector of ['button.launcher', '.panel']) {
        const { left, right } = await gaps(page, selector);
        expect({ selector, left: left >= 18 && left <= 20, right: right > 300 }).toStrictEqual({ selector, left: true, right: true });
      }
      expect(await widget.property('.panel', 'dir')).toBe('rtl');
      expect(await widget.axe()).toStrictEqual([]);
      await page.type('#twc-field-friendlyName', 'ليلى');
      await page.type('#twc-field-email', 'layla@example.com');
      await page.type('#twc-field-query', 'أين طلبي؟\n');
      await widget.shows('.bubble', 'أين طلبي؟');
      agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
      await agent.send('مرحبا ليلى');
      await widget.shows('.bubble', 'مرحبا ليلى');
      await page.screenshot('rtl-01-chat');
      expect(await widget.axe()).toStrictEqual([]);
    });
  });
}
