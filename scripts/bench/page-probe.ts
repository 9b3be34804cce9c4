/**
 * What the bench reads in a host page, by the browser's own performance entries: largest
 * contentful paint, cumulative layout shift (its largest session window, as web-vitals counts it:
 * https://web.dev/articles/cls), long tasks (for total blocking time), the slowest interaction
 * (INP: https://web.dev/articles/inp), first contentful paint and when the launcher first showed.
 */
import type { Page } from 'playwright-core';

export interface ProbeFigures {
  lcp: number;
  cls: number;
  /** Lab total blocking time: every long task's time past 50 ms, from first contentful paint to the end of the window. */
  tbt: number;
  inp: number;
  load: number;
  launcher: number | null;
}

interface InPage {
  lcp: number;
  cls: number;
  inp: number;
  launcher: number | null;
  longTasks: Array<[number, number]>;
}

// Runs in the page before any of its scripts. No named inner functions: tsx would wrap them in a
// `__name` helper the page does not have.
function observePage(): void {
  const figures: InPage = { lcp: 0, cls: 0, inp: 0, launcher: null, longTasks: [] };
  const session = { value: 0, first: -Infinity, last: -Infinity };
  const observers = [
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) figures.lcp = entry.startTime;
    }),
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (entry.hadRecentInput) continue;
        if (entry.startTime - session.last > 1000 || entry.startTime - session.first > 5000) Object.assign(session, { value: 0, first: entry.startTime });
        session.value += entry.value;
        session.last = entry.startTime;
        figures.cls = Math.max(figures.cls, session.value);
      }
    }),
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) figures.longTasks.push([entry.startTime, entry.duration]);
    }),
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { interactionId?: number }>) {
        if ((entry.interactionId ?? 0) > 0) figures.inp = Math.max(figures.inp, entry.duration);
      }
    }),
  ];
  observers[0]?.observe({ type: 'largest-contentful-paint', buffered: true });
  observers[1]?.observe({ type: 'layout-shift', buffered: true });
  observers[2]?.observe({ type: 'longtask', buffered: true });
  observers[3]?.observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  Object.assign(window, { benchFigures: figures, benchObservers: observers });
  new MutationObserver((_, watcher) => {
    if (document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.launcher') == null) return;
    watcher.disconnect();
    requestAnimationFrame(() => {
      figures.launcher = performance.now();
    });
  }).observe(document, { childList: true, subtree: true });
}

/** Installs the probe; call before navigating. */
export async function probePage(page: Page): Promise<void> {
  await page.addInitScript(observePage);
}

/**
 * Waits `quietMs`, then an idle period (the widget's own idle work runs in one) but at most one
 * more second: on these pages Chromium may give no idle period for a long while.
 */
export async function readProbe(page: Page, quietMs: number): Promise<ProbeFigures> {
  await page.evaluate((wait) => new Promise<void>((resolve) => setTimeout(() => requestIdleCallback(() => resolve(), { timeout: 1000 }), wait)), quietMs);
  const figures = await page.evaluate(() => {
    const { benchFigures, benchObservers } = window as unknown as { benchFigures: InPage; benchObservers: PerformanceObserver[] };
    // Entries still queued for the observers are taken now.
    for (const entry of benchObservers[0]?.takeRecords() ?? []) benchFigures.lcp = entry.startTime;
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    return { ...benchFigures, load: navigation?.loadEventEnd ?? Number.NaN, fcp };
  });
  const tbt = figures.longTasks.filter(([start]) => start >= figures.fcp).reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
  return { lcp: figures.lcp, cls: figures.cls, tbt, inp: figures.inp, load: figures.load, launcher: figures.launcher };
}
