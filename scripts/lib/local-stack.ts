import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { devNull } from 'node:os';
import path from 'node:path';
import { emulatorOptionsFromEnv } from '../emulator/options-from-env';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { startLocalGateway, type LocalGateway } from './gateway/local-gateway';
import { restrictVisitorRole } from './setup/visitor-role';
import { twilioAt } from './twilio-at';

const root = path.resolve(__dirname, '../..');
/** `functionsFolder` in .twilioserverlessrc: the build output twilio-run serves. */
const FUNCTIONS_FOLDER = 'dist/functions';

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
  /** twilio-run's process, which leads a process group of its own. */
  runtimePid: number;
  /** twilio-run itself, behind the gateway: for diagnosis, never for callers. */
  runtimeUrl: string;
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

/** twilio-run lists its routes right after it starts serving: seconds at most, even on a busy machine. */
const LISTING_TIMEOUT_MS = 20_000;

/** Waits for twilio-run's listing; a runtime that serves but never lists it is still usable. */
async function listedWithin(listed: Promise<void>, child: ChildProcess, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let exited: () => void = () => undefined;
  child.once('exit', () => exited());
  await Promise.race([listed, new Promise<void>((resolve) => (exited = resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
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
 * twilio-run's command line. The variables reach it through its environment (`--load-local-env`), and
 * `--env` names the null device so no project .env is mixed in: no file holds them, so none can be left
 * behind. twilio-run reads them once, at start-up (twilio-run/dist/config/start.js getEnvironment).
 *
 * `--no-fork-process --no-live`: the Functions run inside twilio-run, loaded once, like a warm instance
 * on Twilio, instead of one forked Node process per request (a cold start each time, ~0.2 s of CPU,
 * and a leaked process whenever the runtime failed to hand the event over, as JSON nested thousands
 * deep made it). Nothing rebuilds dist/ while the stack runs, so reloading on every request bought
 * nothing. The cost: an uncaught exception in a Function would stop twilio-run; our handlers catch
 * everything, and the gateway would answer 502 JSON.
 */
function runtimeArguments(port: number): string[] {
  return [
    '--require', path.join(__dirname, 'loopback-only.cjs'),
    '--require', path.join(__dirname, 'exit-with-parent.cjs'),
    require.resolve('twilio-run/bin/twilio-run.js'),
    'start', '--port', String(port), '--cwd', root, '--load-local-env', '--env', devNull,
    '--no-logs', '--no-fork-process', '--no-live',
  ];
}

/**
 * The whole product on this machine: the Twilio emulator, twilio-run serving the built Functions and
 * Assets from dist/ against it on an internal port, and the local gateway in front of twilio-run on
 * the public one. All listen on 127.0.0.1. Nothing outlives this process: twilio-run ends when the pipe
 * to it closes (exit-with-parent.cjs), the rest lives in this process.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const env = options.env;
  let output = '';
  const log = (text: string) => {
    if (options.output) options.output.write(text);
    else output = (output + text).slice(-20000);
  };
  const emulatorOptions = emulatorOptionsFromEnv(env, options.emulatorPort);
  const emulator: RunningEmulator = await startEmulator(emulatorOptions);
  const runtimePort = await freePort();
  let gateway: LocalGateway;
  try {
    // The emulator starts as a fresh Flex account; a deployment runs `npm run setup`, which takes
    // from visitors' role what would let them join others' conversations. Locally as deployed.
    await restrictVisitorRole(twilioAt(emulator.url, emulatorOptions.accountSid, emulatorOptions.authToken), emulatorOptions.conversationsServiceSid);
    gateway = await startLocalGateway({
      port: options.port,
      upstreamPort: runtimePort,
      functionsDir: path.join(root, FUNCTIONS_FOLDER),
      localRoot: root,
      log: (message) => log(`${message}\n`),
      deskUrl: `${deskUrl(emulator.url)}/`,
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  // DOMAIN_NAME as Twilio's runtime sets it, for the gateway rather than twilio-run's internal port
  // (twilio-run lays the environment over its own context: @twilio/runtime-handler dev-runtime/route.js).
  const functionsEnv = {
    ...env,
    ALLOWED_ORIGINS: withOwnPages(env.ALLOWED_ORIGINS, gateway.port),
    TWILIO_API_BASE_URL: emulator.url,
    DOMAIN_NAME: `localhost:${gateway.port}`,
  };

  const child = spawn(process.execPath, runtimeArguments(runtimePort), {
    cwd: root,
    detached: true,
    // The fourth descriptor is the pipe exit-with-parent.cjs watches.
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...functionsEnv, FORCE_COLOR: '0', CI: 'true', WEBCHAT_PARENT_PIPE_FD: '3' },
  });
  // twilio-run lists its routes at its own, internal port; callers are to use the gateway's.
  const publicUrls = (text: string) => text.replaceAll(`localhost:${runtimePort}`, `localhost:${gateway.port}`);
  // twilio-run lists its routes after it starts listening, ending with the Assets: until that is
  // printed, a "ready" line of ours could come before it and be lost in the list.
  let listed: () => void = () => undefined;
  const routesListed = new Promise<void>((resolve) => (listed = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log(publicUrls(text));
      if (/^Assets$/m.test(text)) listed();
    });
  }
  const baseUrl = `http://localhost:${gateway.port}`;
  const stop = async () => {
    await gateway.close();
    await stopChild(child);
    await emulator.close();
  };
  try {
    if (child.pid === undefined) throw new Error('twilio-run could not be started');
    await waitUntilServing(`http://127.0.0.1:${runtimePort}/`, child, () => output, 60_000);
    await listedWithin(routesListed, child, LISTING_TIMEOUT_MS);
    gateway.runtimeReady();
    return { baseUrl, emulatorUrl: emulator.url, env: functionsEnv, runtimePid: child.pid, runtimeUrl: `http://127.0.0.1:${runtimePort}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The agent desk's address as a person types it: the emulator at localhost, on its real port. */
export function deskUrl(emulatorUrl: string): string {
  return emulatorUrl.replace('127.0.0.1', 'localhost');
}

/** The demo page served by the stack itself must always be allowed to start chats. */
function withOwnPages(allowed: string | undefined, port: number): string {
  const listed = (allowed ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  if (listed.includes('*')) return '*';
  return [...new Set([...listed, `http://localhost:${port}`, `http://127.0.0.1:${port}`])].join(',');
}
