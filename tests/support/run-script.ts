/** Runs one of the project's scripts (e.g. scripts/deploy.ts) in its own Node process through tsx. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const TSX = pathToFileURL(require.resolve('tsx')).href;

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A question the script prints and the line a person would type in answer. */
export interface Answer {
  prompt: string;
  reply: string;
}

/**
 * `env` is the whole environment of the script, besides PATH: nothing leaks in from the test's own.
 * With `answers`, each reply is typed once its prompt has appeared on stdout, in order, as a person
 * at the terminal would; without, stdin is closed.
 */
export function runScript(script: string, args: readonly string[], env: Readonly<Record<string, string>>, answers?: readonly Answer[]): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (answers === undefined) child.stdin.end();
    let stdout = '';
    let stderr = '';
    let next = 0;
    let seen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const answer = answers?.[next];
      const at = answer === undefined ? -1 : stdout.indexOf(answer.prompt, seen);
      if (answer === undefined || at < 0) return;
      next += 1;
      seen = at + answer.prompt.length;
      child.stdin.write(`${answer.reply}\n`);
      if (next === answers?.length) child.stdin.end();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
