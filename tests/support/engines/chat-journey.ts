/**
 * The visitor's main journey, the same in every engine: start from the form, the agent's reply
 * under the name Flex gives, the visitor's message, files both ways, a reload that resumes, the
 * agent ending the chat and a new one; axe on the form and the chat, a screenshot per step.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EmulatedAgent } from '../agent';
import { startStack, type TestStack } from '../stack';
import type { EnginePage } from './engine-page';
import { Widget } from './widget';

const SESSION_KEY = 'twilio-webchat:v1:session';

export function chatJourney(launch: () => Promise<EnginePage>): void {
  let stack: TestStack;
  let page: EnginePage;
  let widget: Widget;
  let agent: EmulatedAgent;
  let files: string;

  const noViolations = async (where: string): Promise<void> => {
    expect({ where, violations: await widget.axe() }).toStrictEqual({ where, violations: [] });
  };

  describe('the visitor’s journey', () => {
    beforeAll(async () => {
      files = await mkdtemp(path.join(tmpdir(), 'webchat-engine-files-'));
      [stack, page] = await Promise.all([startStack(), launch()]);
      widget = new Widget(page);
    });

    afterAll(async () => {
      await agent?.leave();
      await page?.close();
      await stack?.stop();
      await rm(files, { recursive: true, force: true });
    });

    test('the form starts a chat showing the question and the welcome', async () => {
      await page.goto(`${stack.baseUrl}/`);
      // The set-up sends every request for another host to a closed local port.
      expect(await page.run(() => fetch('https://example.com/').then(() => 'reached', () => 'refused'), null)).toBe('refused');
      await widget.shows('button.launcher');
      await page.click('button.launcher');
      await widget.shows('#twc-field-friendlyName');
      expect(await widget.focusedId()).toBe('twc-field-friendlyName');
      await page.screenshot('journey-01-form');
      await noViolations('the form');
      await page.type('#twc-field-friendlyName', 'Jane');
      await page.type('#twc-field-email', 'jane@example.com');
      await page.type('#twc-field-query', 'Where is my order?\n');
      await widget.shows('.bubble', 'Where is my order?');
      await widget.shows('.notice', 'An agent will be with you');
      expect(await widget.storage(SESSION_KEY)).not.toBe(null);
    });

    test('the agent’s reply shows under the name Flex gives them', async () => {
      agent = await EmulatedAgent.join(stack.env, (await EmulatedAgent.latestConversation(stack.env)).sid, 'Kim');
      await agent.send('Hi Jane, I am Kim.');
      await widget.shows('.bubble', 'Hi Jane, I am Kim.');
      expect(await widget.texts('.author')).toContain('Kim');
      await EmulatedAgent.postAsNamedParticipant(stack.env, agent.conversationSid, 'Lee', 'Lee here too.');
      await widget.shows('.bubble', 'Lee here too.');
      expect(await widget.texts('.author')).toContain('Lee');
      await page.screenshot('journey-02-agent-replied');
      await noViolations('the chat');
    });

    test('the visitor’s message reaches the agent', async () => {
      const thanks = agent.nextMessage((message) => message.body === 'Thanks!');
      await page.type('#twc-composer', 'Thanks!\n');
      expect((await thanks).body).toBe('Thanks!');
      await widget.shows('.receipt', 'Sent');
      expect(await widget.property('#twc-composer', 'value')).toBe('');
    });

    test('files go both ways', async () => {
      const receipt = path.join(files, 'receipt.pdf');
      await writeFile(receipt, '%PDF-1.4 test');
      const withFile = agent.nextMessage((message) => (message.attachedMedia ?? []).length > 0);
      await page.chooseFiles('input[type="file"]', [receipt]);
      await widget.shows('.chip', 'receipt.pdf');
      await page.click('button.send');
      expect((await withFile).attachedMedia?.[0]?.filename).toBe('receipt.pdf');
      await widget.shows('a.media.file', 'receipt');

      // A 1×1 PNG: the engine must load and show it.
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
      await agent.sendFile('photo.png', 'image/png', new Uint8Array(png), 'Here is a photo');
      await page.run(
        () =>
          new Promise<void>((resolve, reject) => {
            const deadline = Date.now() + 20_000;
            const check = (): void => {
              const img = document.querySelector('twilio-webchat')?.shadowRoot?.querySelector<HTMLImageElement>('a.media.image img');
              if (img?.complete === true && img.naturalWidth === 1) resolve();
              else if (Date.now() > deadline) reject(new Error('the photo never loaded'));
              else setTimeout(check, 20);
            };
            check();
          }),
        null,
      );
      await page.screenshot('journey-03-files');
    });

    test('a reload resumes the same chat', async () => {
      const before = (await widget.texts('.bubble')).length;
      await page.reload();
      await widget.shows('.bubble', 'Here is a photo');
      expect((await widget.texts('.bubble')).length).toBe(before);
      expect(await widget.texts('#twc-field-friendlyName')).toStrictEqual([]);
      await agent.send('Still there after your reload?');
      await widget.shows('.bubble', 'Still there after your reload?');
      await page.screenshot('journey-04-resumed');
    });

    test('when the agent ends the chat, the visitor starts a new one', async () => {
      await agent.end();
      await widget.shows('button', 'Start new chat');
      expect(await widget.texts('#twc-composer')).toStrictEqual([]);
      expect(await widget.storage(SESSION_KEY)).toBe(null);
      await page.screenshot('journey-05-ended');
      await noViolations('the ended chat');
      await page.click('.ended button.primary');
      await widget.shows('#twc-field-friendlyName');
      expect(await widget.property('#twc-field-friendlyName', 'value')).toBe('Jane');
      await page.type('#twc-field-query', 'A second question\n');
      await widget.shows('.bubble', 'A second question');
      expect((await EmulatedAgent.latestConversation(stack.env)).sid).not.toBe(agent.conversationSid);
      await page.screenshot('journey-06-new-chat');
    });
  });
}
