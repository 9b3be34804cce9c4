/**
 * Instruments a host page for tests of the widget's page API, before any of its scripts run:
 * queues listeners for every event with the documented snippet (so they are drained by the loader),
 * records the page title's changes, counts started WebAudio oscillators, and lets a test hide or
 * show the page deterministically (document.visibilityState plus a visibilitychange event).
 */
import type { Page } from 'playwright-core';

export const EVENTS = ['ready', 'open', 'close', 'chatStarted', 'messageReceived', 'unreadChanged', 'chatEnded'] as const;

export interface Probe {
  events: Array<[string, unknown]>;
  titles: string[];
  oscillators: number;
}

/** Adds the probe to every document `page` loads from now on. */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript((events: readonly string[]) => {
    const probe = { events: [] as Array<[string, unknown]>, titles: [] as string[], oscillators: 0 };
    (window as unknown as { probe: typeof probe }).probe = probe;
    // The README's snippet, as a host page writes it before webchat.js has arrived.
    const w = window as unknown as { Twilio?: { webchatQueue?: unknown[] } };
    w.Twilio = w.Twilio || {};
    // A listener that throws comes first: the ones after it must still hear every event.
    (w.Twilio.webchatQueue = w.Twilio.webchatQueue || []).push(['on', 'messageReceived', () => {
      throw new Error('a page listener failed');
    }]);
    for (const event of events) w.Twilio.webchatQueue.push(['on', event, (detail: unknown) => probe.events.push([event, detail])]);
    document.addEventListener('DOMContentLoaded', () => {
      new MutationObserver(() => probe.titles.push(document.title)).observe(document.head, { subtree: true, childList: true, characterData: true });
    });
    const Original = window.AudioContext;
    window.AudioContext = class extends Original {
      override createOscillator(): OscillatorNode {
        const oscillator = super.createOscillator();
        const start = oscillator.start.bind(oscillator);
        oscillator.start = (when?: number) => {
          probe.oscillators += 1;
          start(when);
        };
        return oscillator;
      }
    };
  }, EVENTS);
}

export function readProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => (window as unknown as { probe: Probe }).probe);
}

/** Waits until the probe recorded `event` (the `nth` time, from 1) and answers its detail. */
export async function eventDetail(page: Page, event: string, nth = 1): Promise<unknown> {
  const handle = await page.waitForFunction(
    ([name, count]) => (window as unknown as { probe: Probe }).probe.events.filter(([e]) => e === name)[count - 1] ?? null,
    [event, nth] as const,
  );
  return ((await handle.jsonValue()) as [string, unknown])[1];
}

export async function setPageHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((isHidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (isHidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
