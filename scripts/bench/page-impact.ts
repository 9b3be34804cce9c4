/**
 * What the widget costs a host page: each page of host-pages.ts without the widget and with it,
 * under each way of embedding it, in turns (run after run, the order rotating), in a fresh profile
 * each time, on Chrome DevTools' Fast 4G with the CPU 4× slower (a mid-range phone). After `load`
 * the page's own `#bench-action` is clicked (its INP), then the page is watched for 2 s more, so
 * the widget's idle work counts. Each figure is compared run by run with the page without the
 * widget of the same turn: LCP and load as ratios, CLS, TBT, INP and bytes as differences, each
 * with the median of those pairs and their spread (25th to 75th percentile).
 */
import type { Browser, CDPSession } from 'playwright-core';
import { FAST_4G } from './chromium';
import { EMBEDS, PAGES, type Embed, type HostPage } from './host-pages';
import { probePage, readProbe, type ProbeFigures } from './page-probe';
import type { StaticSite } from './static-site';
import { quantile, summarize, type Summary } from './stats';

/** Chrome DevTools' CPU throttling for a mid-range phone. */
export const CPU_SLOWDOWN = 4;
const QUIET_MS = 2000;

type Figure = keyof ProbeFigures | 'bytes';
type Loaded = Record<Exclude<Figure, 'launcher'>, number> & { launcher: number | null };

/** One figure with the widget against without it. */
export interface Comparison {
  kind: 'ratio' | 'difference';
  /** The median of the run-by-run ratios (or differences). */
  median: number;
  /** Their 25th and 75th percentiles. */
  spread: [number, number];
  with: Summary;
  without: Summary;
}

export interface EmbedImpact {
  lcp: Comparison;
  cls: Comparison;
  tbt: Comparison;
  inp: Comparison;
  load: Comparison;
  bytes: Comparison;
  launcherVisible: Summary;
  /** Which of the goals this embed meets on this page (by the medians). */
  goalsMet: number;
}

export interface PageImpact {
  network: 'Fast 4G';
  cpuSlowdown: number;
  runs: number;
  pages: Record<HostPage, Record<Embed, EmbedImpact>>;
  /** The embed that meets the most goals over all pages, then has the lowest LCP and load ratios. */
  best: Embed;
}

const RATIOS: ReadonlySet<Figure> = new Set<Figure>(['lcp', 'load']);

/** The goals per page: LCP ≤ 1.02×, load ≤ 1.05×, and nothing added to CLS, TBT or INP. */
const GOALS: Record<'lcp' | 'load' | 'cls' | 'tbt' | 'inp', number> = { lcp: 1.02, load: 1.05, cls: 0, tbt: 0, inp: 0 };

async function load(browser: Browser, url: string): Promise<Loaded> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await probePage(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('#bench-action').click();
    const figures = await readProbe(page, QUIET_MS);
    return { ...figures, bytes };
  } finally {
    await context.close();
  }
}

function compare(withIt: Loaded[], without: Loaded[], figure: Exclude<Figure, 'launcher'>): Comparison {
  const kind = RATIOS.has(figure) ? 'ratio' : 'difference';
  const pairs = withIt.map((figures, i) => {
    const base = without[i]?.[figure] ?? Number.NaN;
    return kind === 'ratio' ? figures[figure] / base : figures[figure] - base;
  });
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    kind,
    median: round(quantile(pairs, 0.5)),
    spread: [round(quantile(pairs, 0.25)), round(quantile(pairs, 0.75))],
    with: summarize(withIt.map((figures) => figures[figure])),
    without: summarize(without.map((figures) => figures[figure])),
  };
}

function impact(withIt: Loaded[], without: Loaded[]): EmbedImpact {
  const figures = { lcp: 0, cls: 0, tbt: 0, inp: 0, load: 0, bytes: 0 };
  const compared = Object.fromEntries(Object.keys(figures).map((figure) => [figure, compare(withIt, without, figure as keyof typeof figures)])) as Record<keyof typeof figures, Comparison>;
  const goalsMet = (Object.keys(GOALS) as Array<keyof typeof GOALS>).filter((goal) => compared[goal].median <= GOALS[goal]).length;
  return { ...compared, launcherVisible: summarize(withIt.map((figures) => figures.launcher ?? Number.NaN)), goalsMet };
}

function best(pages: PageImpact['pages']): Embed {
  const embeds = Object.keys(EMBEDS) as Embed[];
  const score = (embed: Embed): [number, number] => [
    PAGES.reduce((sum, page) => sum + pages[page][embed].goalsMet, 0),
    PAGES.reduce((sum, page) => sum + pages[page][embed].lcp.median + pages[page][embed].load.median, 0),
  ];
  return embeds.reduce((a, b) => {
    const [goalsA, ratiosA] = score(a);
    const [goalsB, ratiosB] = score(b);
    return goalsB > goalsA || (goalsB === goalsA && ratiosB < ratiosA) ? b : a;
  });
}

/** `runs` turns; each loads every page without the widget and with each embed, in a rotating order. */
export async function measurePageImpact(browser: Browser, site: StaticSite, runs: number, progress: (line: string) => void = () => undefined): Promise<PageImpact> {
  const variants: Array<Embed | null> = [null, ...(Object.keys(EMBEDS) as Embed[])];
  const seen = new Map<string, Loaded[]>();
  for (let run = 0; run < runs; run += 1) {
    for (const page of PAGES) {
      for (let k = 0; k < variants.length; k += 1) {
        const variant = variants[(run + k) % variants.length] ?? null;
        const key = `${page}/${variant ?? 'none'}`;
        seen.set(key, [...(seen.get(key) ?? []), await load(browser, site.url(page, variant))]);
      }
    }
    progress(`host pages: turn ${run + 1} of ${runs} done`);
  }
  const of = (page: HostPage, variant: Embed | null): Loaded[] => seen.get(`${page}/${variant ?? 'none'}`) ?? [];
  const pages = Object.fromEntries(
    PAGES.map((page) => [page, Object.fromEntries((Object.keys(EMBEDS) as Embed[]).map((embed) => [embed, impact(of(page, embed), of(page, null))]))]),
  ) as PageImpact['pages'];
  return { network: 'Fast 4G', cpuSlowdown: CPU_SLOWDOWN, runs, pages, best: best(pages) };
}
