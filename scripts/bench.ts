/**
 * `npm run bench`: builds, then measures sizes, three host pages with and without the widget, the
 * chat on the real SDK against the local stack, a 1,000-message conversation and the Functions,
 * each once; prints the figures and writes them under bench-results/ (see scripts/bench/report.ts).
 * Figures only, never run by tests: tests assert sizes, never timings.
 * `BENCH_PAGE_RUNS` sets the host pages' runs (default 9); `BENCH_ONLY=pages` measures only the
 * sizes and the host pages, for trying a change to the loader quickly.
 */
import os from 'node:os';
import path from 'node:path';
import { buildAll } from './build';
import { measureChatTimings } from './bench/chat-timings';
import { launchChromium } from './bench/chromium';
import { measureFunctionsInProcess } from './bench/functions-in-process';
import { benchStackEnv, measureOverTwilioRun } from './bench/functions-twilio-run';
import { measureLongConversation } from './bench/long-conversation';
import { measurePageImpact } from './bench/page-impact';
import { printFigures, printPageImpact, writeReport, type BenchFigures } from './bench/report';
import { measureSizes } from './bench/sizes';
import { serveStaticSite } from './bench/static-site';
import { measureStartProtection } from './bench/start-protection';
import { startLocalStack } from './lib/local-stack';

const ASSETS = path.resolve(__dirname, '../dist/assets');
const RUNS = { page: Number(process.env.BENCH_PAGE_RUNS ?? 9), chat: 5, inProcess: 200, coldLoad: 7, twilioRun: 30, messages: 1000, scriptSeconds: 20, solves: 30 };

async function main(): Promise<void> {
  await buildAll();
  const sizes = await measureSizes(ASSETS);
  const browser = await launchChromium();
  const site = await serveStaticSite(ASSETS);
  const pageImpact = await measurePageImpact(browser, site, RUNS.page, (line) => console.log(line)).finally(() => site.close());
  if (process.env.BENCH_ONLY === 'pages') {
    await browser.close();
    printPageImpact(sizes, pageImpact);
    return;
  }
  const functionsInProcess = await measureFunctionsInProcess(RUNS.inProcess, RUNS.coldLoad);
  const stack = await startLocalStack({ env: benchStackEnv(), port: 0, emulatorPort: 0 });
  try {
    const functionsOverTwilioRun = await measureOverTwilioRun(stack, RUNS.twilioRun);
    const chat = await measureChatTimings(browser, `${stack.baseUrl}/`, RUNS.chat);
    const longConversation = await measureLongConversation(browser, `${stack.baseUrl}/`, stack.env, RUNS.messages);
    const startProtection = await measureStartProtection(browser, `${stack.baseUrl}/`, RUNS.scriptSeconds, RUNS.solves);
    const cpus = os.cpus();
    const figures: BenchFigures = {
      date: new Date().toISOString(),
      machine: {
        cpu: cpus[0]?.model ?? 'unknown',
        cores: cpus.length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        chromium: browser.version(),
        os: `${os.type()} ${os.release()}`,
      },
      sizes,
      pageImpact,
      chat,
      longConversation,
      functionsInProcess,
      functionsOverTwilioRun,
      startProtection,
    };
    printFigures(figures);
    console.log(`\nwritten: ${(await writeReport(figures)).join(', ')}`);
  } finally {
    await stack.stop();
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
