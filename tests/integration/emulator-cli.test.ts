import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { TEST_EMULATOR_OPTIONS as O } from '../support/twilio-at-emulator';

const MAIN = resolve(__dirname, '../../scripts/emulator/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

describe('npm run emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads .env from the working directory, prints its URL and stops cleanly on SIGTERM', async () => {
    writeFileSync(
      join(dir, '.env'),
      [
        `ACCOUNT_SID=${O.accountSid}`,
        `AUTH_TOKEN=${O.authToken}`,
        `API_KEY=${O.apiKey}`,
        `API_SECRET=${O.apiSecret}`,
        `CONVERSATIONS_SERVICE_SID=${O.conversationsServiceSid}`,
        `ADDRESS_SID=${O.addressSid}`,
        'EMULATOR_PORT=0',
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', TSX, MAIN], { cwd: dir, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const url = await new Promise<string>((found, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
        if (match) found(match[0]);
      });
      child.once('exit', (code) => fail(new Error(`emulator exited early with ${code}: ${output}`)));
    });
    const auth = `Basic ${Buffer.from(`${O.accountSid}:${O.authToken}`).toString('base64')}`;
    expect((await fetch(`${url}/v1/Conversations`, { headers: { authorization: auth } })).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('names the missing variable and exits with an error when configuration is incomplete', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const child = spawn(process.execPath, ['--import', TSX, MAIN], { cwd: empty, env: { PATH: process.env.PATH, EMULATOR_PORT: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(errors).toMatch(/ACCOUNT_SID is not set/);
  });
});
