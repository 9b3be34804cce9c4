/**
 * What the start protection costs an attacker and a visitor:
 * - chats a script starts per minute, with the bundled Functions invoked in-process against the
 *   emulator for a fixed window each: without solving challenges (as the attack campaign did),
 *   solving them with no ceiling (the proof of work's price alone), and at the default ceiling;
 * - a flood of eight such scripts with a captcha configured (flood.ts): its Sync calls per refused
 *   attempt, and how often a visitor who solves the captcha gets through;
 * - the visitor's proof of work in Chromium, with the widget's own solver, at the default difficulty,
 *   on this machine and with the CPU slowed 4× (a mid-range phone). It runs while the visitor types,
 *   so it only delays a visitor who submits faster than it finishes.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { solvedChallenge } from '../../tests/support/challenge';
import { functionContext, invoke } from '../../tests/support/function-runtime';
import { emulatorOptionsFromEnv } from '../emulator/options-from-env';
import { startEmulator } from '../emulator/server';
import { fakeTwilioEnv } from '../lib/env-file';
import { measureFlood, type FloodFigures } from './flood';
import { loadHandler } from './functions-in-process';
import { summarize, type Summary } from './stats';

const ORIGIN = 'https://shop.example.com';
const DIFFICULTY = 11;

export interface StartProtection {
  windowSeconds: number;
  /** Chats started per minute by a script that sends the form only. */
  naivePerMinute: number;
  /** ... that solves a fresh challenge for every start, with no ceiling. */
  solvingPerMinute: number;
  /** ... the same at the default ceiling of 10 a minute: the most it got in any 60 seconds. */
  atCeilingPerMinute: number;
  /** Eight such scripts at once, with a captcha configured, and a visitor who solves it. */
  flood: FloodFigures;
  solveInChromium: Summary;
  solveInChromiumSlowCpu: Summary;
}

interface ScriptRun {
  /** Chats started, scaled to a minute. */
  perMinute: number;
  /** The most chats started within any 60 seconds (the ceiling's unit). */
  mostInOneMinute: number;
}

/** The most of `times` (ms) that fall within any 60 seconds. */
function mostInAnyMinute(times: readonly number[]): number {
  return times.reduce((most, time, index) => Math.max(most, times.slice(index).filter((later) => later - time < 60_000).length), 0);
}

/** What a script gets when it starts chats one after another for `seconds`. */
async function scriptRun(env: Record<string, string>, seconds: number, solve: boolean): Promise<ScriptRun> {
  const context = functionContext(env);
  const initWebchat = loadHandler('initWebchat');
  const headers = { origin: ORIGIN, 'content-type': 'application/json' };
  const ends = performance.now() + seconds * 1000;
  const started: number[] = [];
  while (performance.now() < ends) {
    const proof = solve ? await solvedChallenge(context, headers) : {};
    const answer = await invoke(initWebchat, context, { formData: { friendlyName: 'Bot', query: 'spam' }, ...proof }, headers);
    if (answer.status === 200) started.push(Date.now());
  }
  return { perMinute: Math.round((started.length * 60) / seconds), mostInOneMinute: mostInAnyMinute(started) };
}

/** The widget's own solver as a script for the page. */
async function solverScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.resolve(__dirname, '../../widget-src/api/solve-challenge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'benchSolver',
    target: 'es2020',
  });
  return result.outputFiles[0]?.text ?? '';
}

async function solveTimes(browser: Browser, pageUrl: string, cpuSlowdown: number, runs: number): Promise<Summary> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl);
  await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  await page.addScriptTag({ content: await solverScript() });
  const samples = await page.evaluate(
    async ({ runs, difficulty }) => {
      const solver = (window as unknown as { benchSolver: { solveChallenge(challenge: string, difficulty: number): Promise<string> } }).benchSolver;
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const started = performance.now();
        await solver.solveChallenge(`bench-challenge-${i}-${Math.random()}`, difficulty);
        times.push(performance.now() - started);
      }
      return times;
    },
    { runs, difficulty: DIFFICULTY },
  );
  await context.close();
  return summarize(samples);
}

export async function measureStartProtection(browser: Browser, pageUrl: string, windowSeconds: number, solveRuns: number): Promise<StartProtection> {
  const base = { ...fakeTwilioEnv(), ALLOWED_ORIGINS: ORIGIN, CHALLENGE_DIFFICULTY: String(DIFFICULTY) };
  const emulator = await startEmulator(emulatorOptionsFromEnv(base, 0));
  const env = { ...base, TWILIO_API_BASE_URL: emulator.url };
  // The Functions log one line per chat; hundreds of them would bury the figures.
  const log = console.log;
  console.log = () => undefined;
  try {
    const unlimited = { ...env, MAX_NEW_CHATS_PER_MINUTE: '10000' };
    const naivePerMinute = (await scriptRun(unlimited, windowSeconds, false)).perMinute;
    const solvingPerMinute = (await scriptRun(unlimited, windowSeconds, true)).perMinute;
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    const atCeilingPerMinute = (await scriptRun(env, windowSeconds, true)).mostInOneMinute;
    // An emulator of its own: this process, like a warm instance, remembers the last run's full window for the one above.
    const floodEmulator = await startEmulator(emulatorOptionsFromEnv(base, 0));
    const flood = await measureFlood({ ...base, TWILIO_API_BASE_URL: floodEmulator.url }, floodEmulator.url, windowSeconds).finally(() => floodEmulator.close());
    console.log = log;
    return {
      windowSeconds,
      naivePerMinute,
      solvingPerMinute,
      atCeilingPerMinute,
      flood,
      solveInChromium: await solveTimes(browser, pageUrl, 1, solveRuns),
      solveInChromiumSlowCpu: await solveTimes(browser, pageUrl, 4, solveRuns),
    };
  } finally {
    console.log = log;
    await emulator.close();
  }
}
