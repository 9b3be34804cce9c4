/**
 * What the widget costs the host page: load and LCP with the widget against the same page
 * without it (as ratios; the goal is ≤ 1.05), when the launcher appears, and the main-thread long
 * tasks (≥ 50 ms) on the page with the widget, of which the loader's goal is none. Chromium on
 * simulated Fast 4G, a fresh profile per run, the two pages alternating.
 */
import type { Browser, Page } from 'playwright-core';
import { freshPage } from './chromium';
import type { StaticSite } from './static-site';
import { ratio, summarize, type Summary } from './stats';

export interface PageImpact {
  launcherVisible: Summary;
  loadWith: Summary;
  loadWithout: Summary;
  lcpWith: Summary;
  lcpWithout: Summary;
  loadRatio: number;
  lcpRatio: number;
  longTasksWith: number;
  longTasksWithout: number;
}

interface PageFigures {
  load: number;
  lcp: number;
  launcher: number | null;
  longTasks: number;
}

/** Runs in the page before any of its scripts: records LCP, long tasks and the launcher's first frame. */
function observePage(): void {
  const figures = { lcp: 0, longTasks: 0, launcher: null as number | null };
  const lcp = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) figures.lcp = entry.startTime;
  });
  lcp.observe({ type: 'largest-contentful-paint', buffered: true });
  // Entries still queued for the observer when the figures are read are taken then (see settledFigures).
  Object.assign(window, { benchFigures: figures, benchLcp: lcp });
  new PerformanceObserver((list) => {
    figures.longTasks += list.getEntries().length;
  }).observe({ type: 'longtask', buffered: true });
  let seen = false;
  new MutationObserver(() => {
    if (seen || document.querySelector('twilio-webchat')?.shadowRoot?.querySelector('.launcher') == null) return;
    seen = true;
    requestAnimationFrame(() => {
      figures.launcher = performance.now();
    });
  }).observe(document, { childList: true, subtree: true });
}

async function measure(browser: Browser, url: string): Promise<PageFigures> {
  const { context, page } = await freshPage(browser, true);
  try {
    await page.addInitScript(observePage);
    await page.goto(url, { waitUntil: 'load' });
    return await settledFigures(page);
  } finally {
    await context.close();
  }
}

async function settledFigures(page: Page): Promise<PageFigures> {
  // After an idle period the widget's own idle work (the app prefetch) has run too.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const { benchFigures: figures, benchLcp } = window as unknown as {
      benchFigures: { lcp: number; longTasks: number; launcher: number | null };
      benchLcp: PerformanceObserver;
    };
    for (const entry of benchLcp.takeRecords()) figures.lcp = entry.startTime;
    return { load: navigation?.loadEventEnd ?? Number.NaN, ...figures };
  });
}

export async function measurePageImpact(browser: Browser, site: StaticSite, runs: number): Promise<PageImpact> {
  const withWidget: PageFigures[] = [];
  const withoutWidget: PageFigures[] = [];
  for (let i = 0; i < runs; i += 1) {
    withWidget.push(await measure(browser, site.withWidget));
    withoutWidget.push(await measure(browser, site.withoutWidget));
  }
  const pick = (all: PageFigures[], key: 'load' | 'lcp'): Summary => summarize(all.map((figures) => figures[key]));
  const impact = {
    launcherVisible: summarize(withWidget.map((figures) => figures.launcher ?? Number.NaN)),
    loadWith: pick(withWidget, 'load'),
    loadWithout: pick(withoutWidget, 'load'),
    lcpWith: pick(withWidget, 'lcp'),
    lcpWithout: pick(withoutWidget, 'lcp'),
    longTasksWith: withWidget.reduce((sum, figures) => sum + figures.longTasks, 0),
    longTasksWithout: withoutWidget.reduce((sum, figures) => sum + figures.longTasks, 0),
  };
  return { ...impact, loadRatio: ratio(impact.loadWith.p50, impact.loadWithout.p50), lcpRatio: ratio(impact.lcpWith.p50, impact.lcpWithout.p50) };
}
