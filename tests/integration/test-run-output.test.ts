/**
 * `npm test` shows results and real failures only: the Functions' logs of the errors a handler test
 * provokes on purpose stay out of Jest's output (on Twilio they are the Function's log). Runs one
 * handler suite in a Jest of its own and reads what it printed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(120_000);

function runJest(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), file], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the output of a test run', () => {
  it("holds no console blocks from handler tests that provoke the Functions' errors", async () => {
    const { code, output } = await runJest('tests/integration/refresh-token.handler.test.ts');
    expect(code).toBe(0);
    expect(output).toMatch(/Tests:\s+\d+ passed/);
    expect(output).not.toMatch(/console\.(log|warn|error)/);
  });
});
