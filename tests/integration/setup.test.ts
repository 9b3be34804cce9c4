/**
 * `npm run setup` in its own process against the emulator, which starts like a fresh Flex account:
 * what it writes must name resources that exist there, and `npm run deploy` must take the file.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Twilio } from 'twilio';
import { deployProblem } from '../../scripts/lib/deploy-checks';
import { parseEnv } from '../../scripts/lib/env-file';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { runScript as run } from '../support/run-script';
import { TEST_EMULATOR_OPTIONS as O, twilioAt } from '../support/twilio-at-emulator';


jest.setTimeout(60_000);


describe('npm run setup', () => {
  let emulator: RunningEmulator;
  let client: Twilio;
  const dir = mkdtempSync(path.join(tmpdir(), 'setup-'));
  let count = 0;
  let envFile: string;

  const setup = (...args: string[]) =>
    run('scripts/setup.ts', ['--yes', '--env', envFile, ...args], { TWILIO_API_BASE_URL: emulator.url, ACCOUNT_SID: O.accountSid, AUTH_TOKEN: O.authToken });
  const written = () => parseEnv(readFileSync(envFile, 'utf8'));

  beforeAll(async () => {
    emulator = await startEmulator(O);
    client = twilioAt(emulator.url, O.accountSid, O.authToken);
  });
  beforeEach(async () => {
    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    envFile = path.join(dir, `account-${++count}.env`);
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents --yes, --origins and --env in its help', async () => {
    const help = await run('scripts/setup.ts', ['--help'], {});
    expect(help.code).toBe(0);
    for (const option of ['--yes', '--origins <list>', '--env <file>']) expect(help.stdout).toContain(option);
  });

  it('writes IS, IG and SK values that exist on the account, in an annotated file that npm run deploy takes', async () => {
    const result = await setup('--origins', 'https://www.example.com, https://shop.example.com');
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    const env = written();
    const configuration = await client.flexApi.v1.configuration().fetch();
    const addresses = await client.conversations.v1.addressConfigurations.list({ type: 'chat' });
    const keys = await client.api.v2010.accounts(O.accountSid).keys.list();
    expect(env.CONVERSATIONS_SERVICE_SID).toBe(configuration.flexServiceInstanceSid);
    expect(addresses.map((address) => address.sid)).toStrictEqual([env.ADDRESS_SID]);
    expect(env.API_KEY).not.toBe(O.apiKey);
    expect(keys.map((key) => key.sid)).toContain(env.API_KEY);
    expect(env.API_SECRET).toMatch(/^[0-9a-f]{32}$/);
    expect(env.ALLOWED_ORIGINS).toBe('https://www.example.com,https://shop.example.com');
    // 256 random bits for the site's backend to sign its visitors' identity tokens with.
    expect(env.VISITOR_IDENTITY_SECRET).toMatch(/^[\w-]{43}$/);
    expect(result.stdout).not.toContain(env.VISITOR_IDENTITY_SECRET);
    const text = readFileSync(envFile, 'utf8');
    expect(text).toMatch(/# description: SID of the Flex Conversations Address[^\n]*\n(#[^\n]*\n)*ADDRESS_SID=IG/);
    expect(statSync(envFile).mode & 0o077).toBe(0);
    expect(result.stdout).not.toContain(env.API_SECRET);
    expect(result.stdout).not.toContain(O.authToken);
    expect(deployProblem(text)).toBe(null);

    const deploy = await run('scripts/deploy.ts', ['--env', envFile], { TWILIO_API_BASE_URL: emulator.url });
    expect([deploy.code, deploy.stderr]).toStrictEqual([0, '']);
    expect(deploy.stdout).toMatch(/<script src="https:\/\/twilio-webchat-\d+\.twil\.io\/webchat\.js" async><\/script>/);
  });

  it("takes from visitors' role what would let a visitor's token join or add to others' conversations, and says so", async () => {
    const service = client.conversations.v1.services(O.conversationsServiceSid);
    const { defaultChatServiceRoleSid } = await service.configuration().fetch();
    expect((await service.roles(defaultChatServiceRoleSid).fetch()).permissions).toContain('joinConversation');
    const result = await setup('--origins', 'https://www.example.com');
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    const { permissions } = await service.roles(defaultChatServiceRoleSid).fetch();
    expect(permissions.filter((permission) => ['joinConversation', 'addParticipant', 'removeParticipant', 'deleteConversation'].includes(permission))).toStrictEqual([]);
    expect(permissions).toContain('editOwnUserInfo');
    expect(result.stdout).toContain('Took joinConversation from visitors\' role');
  });

  it('creates a Studio flow from the template and a web chat address wired to it when the account has none', async () => {
    await client.conversations.v1.addressConfigurations(O.addressSid).remove();
    const result = await setup('--origins', 'https://www.example.com');
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    const address = await client.conversations.v1.addressConfigurations(written().ADDRESS_SID ?? '').fetch();
    const flowSid = (address.autoCreation as { studio_flow_sid: string }).studio_flow_sid;
    const flow = await client.studio.v2.flows(flowSid).fetch();
    expect([address.type, flow.friendlyName, flow.status]).toStrictEqual(['chat', 'Web chat to Flex', 'published']);
    expect(JSON.stringify(flow.definition)).toContain('initial_question');
  });

  it('uses the address named by --address when the account has several, and keeps its key when run again', async () => {
    await client.conversations.v1.addressConfigurations.create({ type: 'chat', address: 'second-site', friendlyName: 'Second site' });
    const [, second] = await client.conversations.v1.addressConfigurations.list({ type: 'chat' });
    expect((await setup('--origins', 'https://www.example.com', '--address', second?.sid ?? '')).code).toBe(0);
    const first = written();
    expect(first.ADDRESS_SID).toBe(second?.sid);

    expect((await setup()).code).toBe(0);
    const again = written();
    const kept = (env: Record<string, string>) => [env.ADDRESS_SID, env.API_KEY, env.API_SECRET, env.ALLOWED_ORIGINS, env.VISITOR_IDENTITY_SECRET];
    expect(kept(again)).toStrictEqual(kept(first));
    expect(await client.api.v2010.accounts(O.accountSid).keys.list()).toHaveLength(2);
  });

  it('explains each step and asks, when run without --yes, for what it cannot find', async () => {
    // A copy of .env.example, whose blank values must not count as answers.
    copyFileSync(path.resolve(__dirname, '../../.env.example'), envFile);
    await client.conversations.v1.addressConfigurations.create({ type: 'chat', address: 'second-site', friendlyName: 'Second site' });
    const [, second] = await client.conversations.v1.addressConfigurations.list({ type: 'chat' });
    const result = await run('scripts/setup.ts', ['--env', envFile], { TWILIO_API_BASE_URL: emulator.url }, [
      { prompt: 'Account SID (AC...):', reply: O.accountSid },
      { prompt: 'Auth Token (hidden):', reply: O.authToken },
      { prompt: 'Web pages allowed to start chats', reply: 'https://www.example.com' },
      { prompt: 'Which one should the widget use?', reply: '2' },
    ]);
    expect([result.code, result.stderr]).toStrictEqual([0, '']);
    for (const step of ['1. Your Twilio account', '2. The web pages allowed', '3. Flex', '4. The web chat address', '5. An API key']) expect(result.stdout).toContain(step);
    expect(written().ADDRESS_SID).toBe(second?.sid);
    expect(written().ALLOWED_ORIGINS).toBe('https://www.example.com');
  });

  it('says plainly when Twilio refuses the credentials', async () => {
    const result = await run('scripts/setup.ts', ['--yes', '--env', envFile, '--origins', 'https://www.example.com'], {
      TWILIO_API_BASE_URL: emulator.url,
      ACCOUNT_SID: O.accountSid,
      AUTH_TOKEN: 'b'.repeat(32),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Twilio refused the credentials .* check ACCOUNT_SID and AUTH_TOKEN/);
  });

  it('refuses to guess the allowed origins when asked nothing, before changing anything on the account', async () => {
    const result = await setup();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--origins/);
    expect(await client.api.v2010.accounts(O.accountSid).keys.list()).toHaveLength(1);
  });
});
