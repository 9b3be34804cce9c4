/**
 * Backend figures (run after a build): bundle sizes of the Functions, and initWebchat / refreshToken latency through
 * twilio-run against the emulator (so it measures our code and the runtime, not Twilio's cloud).
 * Bounded: a fixed number of calls, on 127.0.0.1 only.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildAll } from './build';
import { fakeTwilioEnv } from './lib/env-file';
import { startLocalStack } from './lib/local-stack';

const ROUNDS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(label: string, rounds: number, call: () => Promise<void>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} p50 ${percentile(samples, 50).toFixed(1)} ms  p95 ${percentile(samples, 95).toFixed(1)} ms  (${rounds} calls)`);
}

export async function benchFunctions(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const functionsDir = path.join(root, 'dist/functions');
  for (const file of await readdir(functionsDir)) {
    console.log(`function ${file.padEnd(25)} ${(await stat(path.join(functionsDir, file))).size} bytes`);
  }
  const stack = await startLocalStack({ env: { ...fakeTwilioEnv(), ALLOWED_ORIGINS: '' }, port: 0, emulatorPort: 0 });
  const post = async (fn: string, body: object): Promise<Record<string, string>> => {
    const response = await fetch(`${stack.baseUrl}/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stack.baseUrl },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${fn}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  try {
    let chat: Record<string, string> = {};
    await time('initWebchat (3 Twilio calls)', ROUNDS, async () => {
      chat = await post('initWebchat', { formData: { friendlyName: 'Bench', query: 'How fast is this?' } });
    });
    await time('refreshToken (2 Twilio calls)', ROUNDS, async () => {
      await post('refreshToken', { token: chat.token, conversationSid: chat.conversationSid });
    });
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  buildAll()
    .then(benchFunctions)
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
