/**
 * Settings changed in the Twilio Console (the Serverless API's variables) against `npm run deploy`
 * and `npm run pull-settings`, each the real script in its own process, against the emulated
 * Serverless API: a deploy never reverts a Console edit without being told to.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Twilio } from 'twilio';
import type { ServiceContext } from 'twilio/lib/rest/serverless/v1/service';
import { formatEnv, parseEnv } from '../../scripts/lib/env-file';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { runScript, type ScriptRun } from '../support/run-script';
import { TEST_EMULATOR_OPTIONS as O, twilioAt } from '../support/twilio-at-emulator';

jest.setTimeout(120_000);

const settings = {
  ACCOUNT_SID: O.accountSid,
  AUTH_TOKEN: O.authToken,
  API_KEY: O.apiKey,
  API_SECRET: O.apiSecret,
  ADDRESS_SID: O.addressSid,
  CONVERSATIONS_SERVICE_SID: O.conversationsServiceSid,
  ALLOWED_ORIGINS: 'https://shop.example.com',
  WIDGET_TITLE: 'Talk to Example Outfitters',
};
const updated = { ...settings, WIDGET_TITLE: 'Talk to us' };

describe('Console edits and npm run deploy', () => {
  let emulator: RunningEmulator;
  let client: Twilio;
  let service: ServiceContext;
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-console-'));
  const envFile = path.join(dir, '.env.production');
  const run = (script: string, ...args: string[]): Promise<ScriptRun> => runScript(script, ['--env', envFile, ...args], { TWILIO_API_BASE_URL: emulator.url });
  const fileValues = (): Record<string, string> => parseEnv(readFileSync(envFile, 'utf8'));

  async function consoleValues(): Promise<Record<string, string>> {
    const [environment] = await service.environments.list();
    const variables = await service.environments(environment?.sid ?? '').variables.list();
    return Object.fromEntries(variables.map((variable) => [variable.key, variable.value]));
  }

  /** What an owner does in the Console: edit (or add) a variable of the deployed environment. */
  async function editInConsole(key: string, value: string): Promise<void> {
    const [environment] = await service.environments.list();
    const variables = service.environments(environment?.sid ?? '').variables;
    const existing = (await variables.list()).find((variable) => variable.key === key);
    if (existing === undefined) await variables.create({ key, value });
    else await variables(existing.sid).update({ value });
  }

  const buildCount = async (): Promise<number> => (await service.builds.list()).length;

  beforeAll(async () => {
    emulator = await startEmulator(O);
    client = twilioAt(emulator.url, O.accountSid, O.authToken);
    writeFileSync(envFile, `# my production settings\n${formatEnv(settings)}`);
    const first = await run('scripts/deploy.ts');
    expect([first.code, first.stderr]).toStrictEqual([0, '']);
    const [created] = await client.serverless.v1.services.list();
    service = client.serverless.v1.services(created?.sid ?? '');
  });

  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys a change made in the file without asking: the Console still had what the last deploy set', async () => {
    writeFileSync(envFile, readFileSync(envFile, 'utf8').replace('WIDGET_TITLE=Talk to Example Outfitters', 'WIDGET_TITLE=Talk to us'));

    const deployed = await run('scripts/deploy.ts');

    expect([deployed.code, deployed.stderr]).toStrictEqual([0, '']);
    expect((await consoleValues()).WIDGET_TITLE).toBe('Talk to us');
    expect(readFileSync(`${envFile}.deployed.json`, 'utf8')).not.toContain(O.apiSecret);
  });

  it('stops before deploying anything when the Console has other values, and lists them with secrets masked', async () => {
    const secret = 'c'.repeat(32);
    await editInConsole('ALLOWED_ORIGINS', 'https://www.example.com');
    await editInConsole('API_SECRET', secret);
    await editInConsole('WIDGET_BRAND_COLOR', '#005a9c');

    const refused = await run('scripts/deploy.ts');

    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ALLOWED_ORIGINS\s+Console: https:\/\/www\.example\.com\s+file: https:\/\/shop\.example\.com/);
    expect(refused.stderr).toMatch(new RegExp(`API_SECRET\\s+Console: \\(secret, 32 characters\\)\\s+file: \\(secret, ${O.apiSecret.length} characters\\)`));
    expect(refused.stderr).toMatch(/WIDGET_BRAND_COLOR\s+Console: #005a9c\s+file: \(not set\)/);
    expect(refused.stderr).toMatch(/--keep-console/);
    expect(refused.stderr).toMatch(/--overwrite/);
    expect(refused.stdout + refused.stderr).not.toContain(secret);
    expect(refused.stdout + refused.stderr).not.toContain(O.apiSecret);
    expect(await buildCount()).toBe(2);
    expect((await consoleValues()).ALLOWED_ORIGINS).toBe('https://www.example.com');
  });

  it('pulls the Console values into the file without deploying, keeping its comments', async () => {
    const pulled = await run('scripts/pull-settings.ts');

    expect([pulled.code, pulled.stderr]).toStrictEqual([0, '']);
    expect(pulled.stdout).toMatch(/ALLOWED_ORIGINS, API_SECRET, WIDGET_BRAND_COLOR/);
    expect(fileValues()).toStrictEqual({ ...updated, ALLOWED_ORIGINS: 'https://www.example.com', API_SECRET: 'c'.repeat(32), WIDGET_BRAND_COLOR: '#005a9c' });
    expect(readFileSync(envFile, 'utf8')).toMatch(/^# my production settings\n/);
    expect(await buildCount()).toBe(2);

    const deployed = await run('scripts/deploy.ts');
    expect([deployed.code, deployed.stderr]).toStrictEqual([0, '']);
    expect(await buildCount()).toBe(3);
  });

  it('with --keep-console, deploys the Console values and writes them into the file', async () => {
    await editInConsole('WIDGET_TITLE', 'Ask us anything');

    const deployed = await run('scripts/deploy.ts', '--keep-console');

    expect([deployed.code, deployed.stderr]).toStrictEqual([0, '']);
    expect(fileValues().WIDGET_TITLE).toBe('Ask us anything');
    expect((await consoleValues()).WIDGET_TITLE).toBe('Ask us anything');
    expect(await buildCount()).toBe(4);
  });

  it('with --overwrite, makes the Console match the file, removing variables the file does not set', async () => {
    await editInConsole('WIDGET_TITLE', 'Console title');
    await editInConsole('WIDGET_DARK_THEME', 'true');
    const before = fileValues();

    const deployed = await run('scripts/deploy.ts', '--overwrite');

    expect([deployed.code, deployed.stderr]).toStrictEqual([0, '']);
    expect(fileValues()).toStrictEqual(before);
    const { ACCOUNT_SID: _sid, AUTH_TOKEN: _token, ...expected } = before;
    expect(await consoleValues()).toStrictEqual(expected);
  });
});
