import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emulatorOptionsFromEnv } from '../emulator/options-from-env';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { formatEnv } from './env-file';

const root = path.resolve(__dirname, '../..');

export interface LocalStackOptions {
  /** The Functions' variables (ACCOUNT_SID, API_KEY, ..., ALLOWED_ORIGINS, to which the stack adds its own pages). */
  env: Readonly<Record<string, string>>;
  /** 0 picks a free port. */
  port: number;
  emulatorPort: number;
  /** Where twilio-run's output goes; by default it is kept and shown only if start-up fails. */
  output?: NodeJS.WritableStream;
}

export interface LocalStack {
  baseUrl: string;
  emulatorUrl: string;
  /** The variables the Functions run with, TWILIO_API_BASE_URL included. */
  env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`twilio-run exited with code ${child.exitCode}:\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`twilio-run did not answer at ${url} within ${timeoutMs} ms:\n${log()}`);
}

/** Stops twilio-run and the function runners it forked: they share its process group. */
function stopChild(child: ChildProcess): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup('SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const kill = setTimeout(() => signalGroup('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      signalGroup('SIGKILL');
      resolve();
    });
    signalGroup('SIGTERM');
  });
}

/**
 * The whole product on this machine: the Twilio emulator, and twilio-run serving the built Functions
 * and Assets from dist/ with the Functions pointed at the emulator. Both listen on 127.0.0.1.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const env = options.env;
  const emulator: RunningEmulator = await startEmulator(emulatorOptionsFromEnv(env, options.emulatorPort));
  const port = options.port === 0 ? await freePort() : options.port;
  const functionsEnv = { ...env, ALLOWED_ORIGINS: withOwnPages(env.ALLOWED_ORIGINS, port), TWILIO_API_BASE_URL: emulator.url };
  const envDir = await mkdtemp(path.join(tmpdir(), 'webchat-env-'));
  const envFile = path.join(envDir, '.env');
  await writeFile(envFile, formatEnv(functionsEnv), { mode: 0o600 });

  let output = '';
  const child = spawn(
    process.execPath,
    ['--require', path.join(__dirname, 'loopback-only.cjs'), require.resolve('twilio-run/bin/twilio-run.js'),
      'start', '--port', String(port), '--env', envFile, '--cwd', root, '--no-logs'],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', CI: 'true' } },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      if (options.output) options.output.write(chunk);
      else output = (output + chunk.toString()).slice(-20000);
    });
  }
  const baseUrl = `http://localhost:${port}`;
  const stop = async () => {
    await stopChild(child);
    await emulator.close();
    await rm(envDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`http://127.0.0.1:${port}/`, child, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, emulatorUrl: emulator.url, env: functionsEnv, stop };
}

/** The demo page served by the stack itself must always be allowed to start chats. */
function withOwnPages(allowed: string | undefined, port: number): string {
  const listed = (allowed ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  if (listed.includes('*')) return '*';
  return [...new Set([...listed, `http://localhost:${port}`, `http://127.0.0.1:${port}`])].join(',');
}
