/**
 * The benchmark's figures as text on the console, and as JSON plus an HTML page with bars under
 * bench-results/ (git-ignored), so people can look rather than read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChatTimings } from './chat-timings';
import type { FunctionFigures } from './functions-in-process';
import type { TwilioRunFigures } from './functions-twilio-run';
import type { LongConversation } from './long-conversation';
import type { Comparison, PageImpact } from './page-impact';
import type { Sizes } from './sizes';
import type { StartProtection } from './start-protection';
import type { Summary } from './stats';

export interface BenchFigures {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; chromium: string; os: string };
  sizes: Sizes;
  pageImpact: PageImpact;
  chat: ChatTimings;
  longConversation: LongConversation;
  functionsInProcess: Record<string, FunctionFigures>;
  functionsOverTwilioRun: TwilioRunFigures;
  startProtection: StartProtection;
}

const RESULTS_DIR = path.resolve(__dirname, '../../bench-results');

interface Line {
  label: string;
  value: number;
  unit: string;
  note?: string;
}

/** A comparison as one line: the median ratio or difference, its spread, and the two medians. */
function compared(label: string, c: Comparison, unit: string): Line {
  const sign = (n: number): string => (c.kind === 'difference' && n > 0 ? `+${n}` : String(n));
  return {
    label,
    value: c.median,
    unit: c.kind === 'ratio' ? '×' : unit,
    note: `spread ${sign(c.spread[0])} to ${sign(c.spread[1])}; p50 ${c.with.p50} with, ${c.without.p50} without`,
  };
}

const ms = (label: string, summary: Summary, note?: string): Line => ({ label, value: summary.p50, unit: 'ms', note: note ?? `p99 ${summary.p99} ms, ${summary.runs} runs` });

const size = (label: string, r: { raw: number; gzip: number; brotli: number }): Line => ({ label, value: r.gzip, unit: 'B gzip', note: `raw ${r.raw}, brotli ${r.brotli}` });

function sizeSection(sizes: Sizes): [string, Line[]] {
  return ['Sizes (gzip -9)', [
    size('loader, every page', sizes.loader),
    size('app chunk (up to the form)', sizes.app),
    size('chat-view chunk', sizes.chatView),
    size('transcript chunk', sizes.transcript),
    size('Conversations SDK chunk', sizes.sdk),
    size('all JavaScript of a chat', sizes.chatTotal),
    { label: 'anchor: Webchat React App', value: sizes.anchors.webchatReactApp, unit: 'B gzip' },
    { label: 'anchor: Twilio SDK min.js', value: sizes.anchors.twilioSdkMin, unit: 'B gzip' },
  ]];
}

/** How many goals `embed` met over all pages. */
function goalsMet(p: PageImpact, embed: PageImpact['best']): number {
  return Object.values(p.pages).reduce((sum, embeds) => sum + embeds[embed].goalsMet, 0);
}

function pageSections(p: PageImpact): Array<[string, Line[]]> {
  return [
    ...Object.entries(p.pages).map(([page, embeds]): [string, Line[]] => [
      `${page} page with the widget vs without, ${p.network}, CPU ${p.cpuSlowdown}× slower, ${p.runs} runs each (goals: LCP ≤ 1.02×, load ≤ 1.05×, CLS, TBT and INP +0)`,
      Object.entries(embeds).flatMap(([embed, e]) => [
        compared(`${embed}: LCP`, e.lcp, ''),
        compared(`${embed}: load event`, e.load, ''),
        compared(`${embed}: CLS`, e.cls, ''),
        compared(`${embed}: TBT`, e.tbt, 'ms'),
        compared(`${embed}: INP`, e.inp, 'ms'),
        compared(`${embed}: bytes`, e.bytes, 'B'),
        ms(`${embed}: launcher visible`, e.launcherVisible, `from navigation start; ${e.goalsMet} of 5 goals met`),
      ]),
    ]),
    ['Embeds', [{ label: `best measured: ${p.best}`, value: goalsMet(p, p.best), unit: 'goals', note: 'met over the three pages (of 15)' }]],
  ];
}

/** Every figure as one line, grouped; the console and the HTML show the same lines. */
function sections(f: BenchFigures): Array<[string, Line[]]> {
  const l = f.longConversation;
  return [
    sizeSection(f.sizes),
    ...pageSections(f.pageImpact),
    ['Chat on the real SDK, local, Fast 4G (p50)', [
      ms('click → form, cold', f.chat.clickToFormCold),
      ms('click → form, prefetched', f.chat.clickToFormPrefetched),
      ms('submit → chat usable', f.chat.submitToChatUsable),
      ms('send → echo', f.chat.sendToEcho),
    ]],
    [`${l.messages} messages, no throttling`, [
      { label: 'first page rendered', value: l.firstPageRenderedMs, unit: 'ms', note: 'from navigation start' },
      { label: 'paging back through all', value: l.pagingBackMs, unit: 'ms', note: `${l.pagesLoaded} pages, ${l.bubblesInDom} bubbles in the DOM` },
      { label: 'JS heap after GC', value: Math.round(l.heapUsedBytes / 1024), unit: 'KiB' },
      { label: 'longest main-thread task', value: l.longestTaskMs, unit: 'ms', note: `${l.longTasks} long tasks (goal ≤ 50 ms)` },
    ]],
    ['Functions in-process, emulator at 0 ms', Object.entries(f.functionsInProcess).flatMap(([name, fn]) => [
      ms(`${name} handler`, fn.inProcess),
      ms(`${name} cold module load`, fn.coldModuleLoad),
      { label: `${name} Twilio round trips`, value: fn.twilioRoundTrips, unit: '', note: `${fn.twilioCalls} calls` },
    ])],
    ['Functions through twilio-run (dev server)', Object.entries(f.functionsOverTwilioRun).map(([name, s]) => ms(name, s))],
    [`Start protection (script figures over ${f.startProtection.windowSeconds} s windows, in-process)`, [
      { label: 'script sending forms only', value: f.startProtection.naivePerMinute, unit: 'chats/min', note: 'the attack campaign made 238 before' },
      { label: 'script solving, no ceiling', value: f.startProtection.solvingPerMinute, unit: 'chats/min', note: 'the proof of work\'s price alone' },
      { label: 'script solving, default ceiling', value: f.startProtection.atCeilingPerMinute, unit: 'chats/min', note: 'most in any 60 s; MAX_NEW_CHATS_PER_MINUTE=10' },
      { label: '8 such scripts at once: Sync calls per refused attempt', value: f.startProtection.flood.syncCallsPerRefused, unit: 'calls', note: `${f.startProtection.flood.refused} refused of ${f.startProtection.flood.attempts}, ${f.startProtection.flood.admitted} admitted; goal 0 once a window is known full` },
      { label: '… a visitor who solves the captcha meanwhile', value: f.startProtection.flood.visitorStarted, unit: 'of 10 started', note: 'CAPTCHA_* set; the proof of work\'s allowance is the flood\'s' },
      ms('visitor\'s proof of work', f.startProtection.solveInChromium, `difficulty 11 in Chromium, p99 ${f.startProtection.solveInChromium.p99} ms`),
      ms('… with the CPU 4× slower', f.startProtection.solveInChromiumSlowCpu, `a mid-range phone, p99 ${f.startProtection.solveInChromiumSlowCpu.p99} ms`),
    ]],
  ];
}

function print(all: Array<[string, Line[]]>): void {
  for (const [title, lines] of all) {
    console.log(`\n== ${title}`);
    for (const line of lines) console.log(`  ${line.label.padEnd(34)}${String(line.value).padStart(10)} ${line.unit.padEnd(7)}${line.note ? `  ${line.note}` : ''}`);
  }
}

export function printFigures(f: BenchFigures): void {
  console.log(`bench ${f.date} on ${f.machine.cpu} (${f.machine.cores} cores), Node ${f.machine.node}, Chromium ${f.machine.chromium}`);
  print(sections(f));
}

/** The sizes and host pages alone (`BENCH_ONLY=pages`), on the console only. */
export function printPageImpact(sizes: Sizes, pageImpact: PageImpact): void {
  print([sizeSection(sizes), ...pageSections(pageImpact)]);
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlSection(title: string, lines: Line[]): string {
  const max = Math.max(...lines.map((line) => line.value), 1);
  const rows = lines
    .map((line, i) => {
      const y = i * 28;
      const width = Math.max(1, Math.round((line.value / max) * 360));
      return `<text x="0" y="${y + 18}">${escape(line.label)}</text><rect x="260" y="${y + 4}" width="${width}" height="18" fill="#0263e0"/>` +
        `<text x="${270 + width}" y="${y + 18}">${line.value} ${escape(line.unit)}${line.note ? ` · ${escape(line.note)}` : ''}</text>`;
    })
    .join('');
  return `<h2>${escape(title)}</h2><svg width="1000" height="${lines.length * 28 + 8}" font-family="system-ui" font-size="13">${rows}</svg>`;
}

/** Writes bench-results/bench-<date>.json and bench-results/report.html; answers their paths. */
export async function writeReport(f: BenchFigures): Promise<string[]> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const json = path.join(RESULTS_DIR, `bench-${f.date.replace(/[:.]/g, '-')}.json`);
  const html = path.join(RESULTS_DIR, 'report.html');
  await writeFile(json, `${JSON.stringify(f, null, 2)}\n`);
  const body = sections(f).map(([title, lines]) => htmlSection(title, lines)).join('\n');
  const machine = `${f.machine.cpu}, ${f.machine.cores} cores, ${f.machine.memoryGiB} GiB, ${f.machine.os}, Node ${f.machine.node}, Chromium ${f.machine.chromium}`;
  await writeFile(html, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Webchat bench ${escape(f.date)}</title></head>` +
    `<body style="font-family:system-ui;margin:24px"><h1>Webchat bench</h1><p>${escape(f.date)} · ${escape(machine)}</p>${body}</body></html>\n`);
  return [json, html];
}
