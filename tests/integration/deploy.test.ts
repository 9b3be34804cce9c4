/**
 * `npm run deploy -- --env <file>` end to end, against the emulated Serverless API: the real deploy
 * script in its own process, reaching the emulator only through TWILIO_API_BASE_URL in its
 * environment. Deploys the build in dist/ (`npm test` builds first).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Twilio } from 'twilio';
import { formatEnv } from '../../scripts/lib/env-file';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { runScript, type ScriptRun } from '../support/run-script';
import { TEST_EMULATOR_OPTIONS as O, twilioAt } from '../support/twilio-at-emulator';

const ROOT = path.resolve(__dirname, '../..');

jest.setTimeout(120_000);

const runDeploy = (envFile: string, baseUrl: string): Promise<ScriptRun> => runScript('scripts/deploy.ts', ['--env', envFile], { TWILIO_API_BASE_URL: baseUrl });

interface DeployedFile {
  kind: 'function' | 'asset';
  path: string;
  visibility: string;
  content: string;
}

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

describe('npm run deploy against the emulated Serverless API', () => {
  let emulator: RunningEmulator;
  let client: Twilio;
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-'));
  const envFile = path.join(dir, 'production.env');
  let first: ScriptRun;

  beforeAll(async () => {
    emulator = await startEmulator(O);
    client = twilioAt(emulator.url, O.accountSid, O.authToken);
    writeFileSync(envFile, formatEnv(settings));
    first = await runDeploy(envFile, emulator.url);
  });

  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function deployedFiles(environmentSid: string): Promise<{ domain: string; files: DeployedFile[] }> {
    const response = await fetch(`${emulator.url}/__emulator/serverless/environments/${environmentSid}`);
    return (await response.json()) as { domain: string; files: DeployedFile[] };
  }

  it('creates one editable service, deploys a build to its environment and prints the embed tag with its domain', async () => {
    expect([first.code, first.stderr]).toStrictEqual([0, '']);
    const services = await client.serverless.v1.services.list();
    expect(services.map((service) => [service.uniqueName, service.uiEditable])).toStrictEqual([['twilio-webchat', true]]);
    const [environment] = await client.serverless.v1.services(services[0]?.sid ?? '').environments.list();
    expect(environment?.buildSid).toMatch(/^ZB/);
    expect(first.stdout).toContain(`<script src="https://${environment?.domainName}/webchat.js" async></script>`);
  });

  it('deploys exactly the public Functions and the widget production files, without the local demo or emulator code', async () => {
    const [service] = await client.serverless.v1.services.list();
    const [environment] = await client.serverless.v1.services(service?.sid ?? '').environments.list();
    const { files } = await deployedFiles(environment?.sid ?? '');
    const publicFunctions = readdirSync(path.join(ROOT, 'functions')).filter((file) => file.endsWith('.ts')).map((file) => `/${file.replace(/\.ts$/, '')}`);
    const functions = files.filter((file) => file.kind === 'function');
    expect(functions.map((file) => [file.path, file.visibility]).sort()).toStrictEqual(publicFunctions.map((p) => [p, 'public']).sort());
    const assets = files.filter((file) => file.kind === 'asset').map((file) => file.path.replace(/-[A-Z0-9]+\.js$/, '-*.js')).sort();
    expect(assets).toStrictEqual([
      '/assets/index.html',
      // The page API's types, for host pages written in TypeScript.
      '/webchat.d.ts',
      '/webchat.js',
      '/webchat/app-*.js',
      '/webchat/chat-view-*.js',
      '/webchat/conversations-transport-*.js',
      '/webchat/offline-*.js',
      '/webchat/rating-*.js',
      '/webchat/start-form-*.js',
      ...['ar', 'de', 'es', 'fr', 'pt-BR'].map((language) => `/webchat/texts-${language}-*.js`),
      '/webchat/transcript-*.js',
    ]);
    const root = files.find((file) => file.path === '/assets/index.html')?.content ?? '';
    expect(root).toMatch(/<h1>Web chat service<\/h1>/);
    for (const file of files) expect(file.content).not.toMatch(/Local webchat demo|localhost:3001|agent desk|ConversationsStore|twilsock-server/i);
  });

  it('builds with the runtime and dependencies the project pins, and sets the file\'s variables except the account credentials', async () => {
    const [service] = await client.serverless.v1.services.list();
    const serviceApi = client.serverless.v1.services(service?.sid ?? '');
    const [build] = await serviceApi.builds.list();
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(build?.runtime).toBe('node22');
    expect(build?.dependencies).toStrictEqual(Object.entries(pkg.dependencies).map(([name, version]) => ({ name, version })));
    const [environment] = await serviceApi.environments.list();
    const variables = await serviceApi.environments(environment?.sid ?? '').variables.list();
    const { ACCOUNT_SID: _sid, AUTH_TOKEN: _token, ...deployed } = settings;
    expect(Object.fromEntries(variables.map((variable) => [variable.key, variable.value]))).toStrictEqual(deployed);
  });

  it('updates the same service on a second deploy, making it editable again if it was not', async () => {
    const [service] = await client.serverless.v1.services.list();
    const serviceApi = client.serverless.v1.services(service?.sid ?? '');
    await serviceApi.update({ uiEditable: false });
    const [firstBuild] = await serviceApi.builds.list();
    writeFileSync(envFile, formatEnv({ ...settings, WIDGET_TITLE: 'Chat with Example Outfitters' }));

    const second = await runDeploy(envFile, emulator.url);

    expect([second.code, second.stderr]).toStrictEqual([0, '']);
    const services = await client.serverless.v1.services.list();
    expect(services.map((s) => [s.sid, s.uiEditable])).toStrictEqual([[service?.sid, true]]);
    const builds = await serviceApi.builds.list();
    const [environment] = await serviceApi.environments.list();
    const secondBuild = builds.find((build) => build.sid !== firstBuild?.sid);
    expect(builds).toHaveLength(2);
    expect(environment?.buildSid).toBe(secondBuild?.sid);
    const deployments = await serviceApi.environments(environment?.sid ?? '').deployments.list();
    expect(deployments.map((deployment) => deployment.buildSid).sort()).toStrictEqual(builds.map((build) => build.sid).sort());
    const variables = await serviceApi.environments(environment?.sid ?? '').variables.list();
    expect(variables.find((variable) => variable.key === 'WIDGET_TITLE')?.value).toBe('Chat with Example Outfitters');
  });

  it('says plainly when Twilio refuses the credentials', async () => {
    const wrong = path.join(dir, 'wrong.env');
    writeFileSync(wrong, formatEnv({ ...settings, AUTH_TOKEN: 'b'.repeat(32) }));
    const run = await runDeploy(wrong, emulator.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Twilio refused the credentials .* check ACCOUNT_SID and AUTH_TOKEN/);
  });

  it('refuses an env file that points the Functions at a local emulator, and deploys nothing', async () => {
    const local = path.join(dir, 'local.env');
    writeFileSync(local, formatEnv({ ...settings, TWILIO_API_BASE_URL: emulator.url }));
    const before = (await client.serverless.v1.services.list())[0];
    const run = await runDeploy(local, emulator.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/local\.env sets TWILIO_API_BASE_URL/);
    const builds = await client.serverless.v1.services(before?.sid ?? '').builds.list();
    expect(builds).toHaveLength(2);
  });
});
