/**
 * Nothing of the local stack outlives the process that started it, even when that process dies
 * without a chance to clean up (SIGKILL): twilio-run, which runs detached in a process group of its
 * own, must stop serving and leave no process and no temporary file behind. Linux /proc is read to
 * find the processes, as the stack's process groups are POSIX-only anyway.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, jest } from '@jest/globals';

const STACK_PROCESS = path.resolve(__dirname, '../support/local-stack-process.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

// Starting the stack in a fresh process (tsx, twilio-run) takes a while on a busy machine.
jest.setTimeout(120_000);

/** A process that still runs: present in /proc and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every process below `root`, found by walking parent links in /proc. */
function descendants(root: number): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const found = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of pids) {
      const parent = parentOf(pid);
      if (!found.has(pid) && parent !== undefined && found.has(parent)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found];
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Bounded polling: checks `condition` up to `attempts` times, 100 ms apart. */
async function eventually(condition: () => boolean | Promise<boolean>, attempts = 100): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('the local stack when the process running it is killed', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'stack-lifecycle-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('stops twilio-run and every process it started, and leaves no temporary file, after a SIGKILL', async () => {
    // The stack's own temporary directory, so files other programs leave in /tmp cannot interfere.
    const child = spawn(process.execPath, ['--import', TSX, STACK_PROCESS], {
      env: { ...process.env, TMPDIR: temp },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      expect(await eventually(() => output.includes('\n') || child.exitCode !== null, 900)).toBe(true);
      const started = JSON.parse(output) as { baseUrl: string; runtimeUrl: string; runtimePid: number };

      const processes = descendants(child.pid ?? 0);
      expect(processes).toContain(started.runtimePid);
      const runtimePort = Number(new URL(started.runtimeUrl).port);
      expect(await answers(runtimePort)).toBe(true);
      expect((await fetch(`${started.baseUrl}/webchat.js`)).status).toBe(200);

      child.kill('SIGKILL');
      await once(child, 'exit');

      expect(await eventually(() => processes.every((pid) => !isRunning(pid)))).toBe(true);
      expect(await eventually(async () => !(await answers(runtimePort)))).toBe(true);
      // tsx, which runs the stack's TypeScript here as it runs npm start, keeps its compile cache there.
      expect(readdirSync(temp).filter((name) => !name.startsWith('tsx-'))).toStrictEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
