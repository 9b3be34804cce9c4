/**
 * The Functions' own cost, without twilio-run's development server in the way: each bundled
 * Function from dist/functions is required in this process and its handler invoked the way Twilio's
 * runtime does (tests/support/function-runtime.ts), with the real twilio client against the
 * emulator on 127.0.0.1 (no added latency). Also: each bundle's cold module load in a fresh Node
 * process, and the Twilio round trips per call (calls that overlap in time count as one).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { FunctionContext, FunctionHandler } from '../../functions/lib/runtime';
import { solvedChallenge } from '../../tests/support/challenge';
import { functionContext, invoke } from '../../tests/support/function-runtime';
import { emulatorOptionsFromEnv } from '../emulator/options-from-env';
import { startEmulator } from '../emulator/server';
import { fakeTwilioEnv } from '../lib/env-file';
import { summarize, type Summary } from './stats';

const FUNCTIONS_DIR = path.resolve(__dirname, '../../dist/functions');
const ORIGIN = 'https://shop.example.com';

export interface FunctionFigures {
  inProcess: Summary;
  coldModuleLoad: Summary;
  twilioCalls: number;
  twilioRoundTrips: number;
}

interface Interval {
  start: number;
  end: number;
}

/** Round trips: requests that start only after every earlier one has answered begin a new one. */
function roundTrips(calls: Interval[]): number {
  let trips = 0;
  let waveEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (call.start >= waveEnd) trips += 1;
    waveEnd = call.start >= waveEnd ? call.end : Math.max(waveEnd, call.end);
  }
  return trips;
}

/** A context whose Twilio clients record when each of their requests starts and ends. */
function timedContext(env: Record<string, string>, calls: Interval[]): FunctionContext {
  const context = functionContext(env);
  return {
    ...context,
    getTwilioClient(options) {
      const client = context.getTwilioClient(options);
      const request = client.request.bind(client);
      client.request = async (opts) => {
        const call = { start: performance.now(), end: Number.POSITIVE_INFINITY };
        calls.push(call);
        try {
          const answer: unknown = await request(opts);
          return answer;
        } finally {
          call.end = performance.now();
        }
      };
      return client;
    },
  };
}

/** A bundled Function's handler from dist/functions, as the runtime loads it. */
export function loadHandler(name: string): FunctionHandler {
  return (require(path.join(FUNCTIONS_DIR, `${name}.js`)) as { handler: FunctionHandler }).handler;
}

/** Milliseconds to require `name`'s bundle in a fresh Node process, `runs` times. */
function coldLoad(name: string, runs: number): Summary {
  const file = path.join(FUNCTIONS_DIR, `${name}.js`);
  const script = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  return summarize(Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))));
}

async function timeCalls<T>(
  rounds: number,
  calls: Interval[],
  call: (prepared: T) => Promise<void>,
  prepare: () => Promise<T>,
): Promise<{ summary: Summary; calls: number; trips: number }> {
  const samples: number[] = [];
  let perCall = { calls: 0, trips: 0 };
  for (let i = 0; i < rounds; i += 1) {
    // What the caller does first (the visitor's browser solving its challenge) is not the Function's time.
    const prepared = await prepare();
    calls.length = 0;
    const started = performance.now();
    await call(prepared);
    samples.push(performance.now() - started);
    perCall = { calls: calls.length, trips: roundTrips(calls) };
  }
  return { summary: summarize(samples), ...perCall };
}

export async function measureFunctionsInProcess(rounds: number, coldRuns: number): Promise<Record<string, FunctionFigures>> {
  // Room for every round's chat under the start ceiling.
  const base = { ...fakeTwilioEnv(), ALLOWED_ORIGINS: ORIGIN, MAX_NEW_CHATS_PER_MINUTE: '10000' };
  const emulator = await startEmulator(emulatorOptionsFromEnv(base, 0));
  const calls: Interval[] = [];
  const context = timedContext({ ...base, TWILIO_API_BASE_URL: emulator.url }, calls);
  const headers = { origin: ORIGIN, 'content-type': 'application/json' };
  // The Functions log one line per chat; thousands of them would bury the figures.
  const log = console.log;
  console.log = () => undefined;
  try {
    const challenge = loadHandler('challenge');
    const initWebchat = loadHandler('initWebchat');
    const refreshToken = loadHandler('refreshToken');
    const nothing = async () => undefined;
    let chat: Record<string, unknown> = {};
    const issue = await timeCalls(rounds, calls, async () => {
      const answer = await invoke(challenge, context, {}, headers);
      if (answer.status !== 200) throw new Error(`challenge answered ${answer.status}`);
    }, nothing);
    const init = await timeCalls(
      rounds,
      calls,
      async (solved) => {
        const answer = await invoke(initWebchat, context, { formData: { friendlyName: 'Bench', query: 'How fast is this?' }, ...solved }, headers);
        if (answer.status !== 200) throw new Error(`initWebchat answered ${answer.status}`);
        chat = answer.body;
      },
      () => solvedChallenge(context, headers),
    );
    const refresh = await timeCalls(rounds, calls, async () => {
      const answer = await invoke(refreshToken, context, { token: chat.token, conversationSid: chat.conversationSid }, headers);
      if (answer.status !== 200) throw new Error(`refreshToken answered ${answer.status}`);
    }, nothing);
    return {
      challenge: { inProcess: issue.summary, coldModuleLoad: coldLoad('challenge', coldRuns), twilioCalls: issue.calls, twilioRoundTrips: issue.trips },
      initWebchat: { inProcess: init.summary, coldModuleLoad: coldLoad('initWebchat', coldRuns), twilioCalls: init.calls, twilioRoundTrips: init.trips },
      refreshToken: { inProcess: refresh.summary, coldModuleLoad: coldLoad('refreshToken', coldRuns), twilioCalls: refresh.calls, twilioRoundTrips: refresh.trips },
    };
  } finally {
    console.log = log;
    await emulator.close();
  }
}
