/**
 * Deploys the built project (see .twilioserverlessrc) to the account in an env file, with
 * twilio-run's own client: one Service named by `serviceName`, created on the first deploy and
 * updated by the next ones, with the file's variables, then `UiEditable` set so the Console can
 * change them. Returns where it landed.
 *
 * A deploy sets every variable the file has, so it would silently undo a change made in the
 * Console since the last one: it reads the Console's variables first and, where they differ from
 * the file, stops unless told which side wins (`consoleEdits`).
 */
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { api } from '@twilio-labs/serverless-api';
import { deployProblem } from './deploy-checks';
import { describeDifferences, differences, readConsoleVariables } from './console-variables';
import { lastDeployed, recordDeployed } from './deploy-record';
import { parseEnv, withValues } from './env-file';
import { readProjectConfig } from './project-config';
import { serverlessClient } from './serverless-client';

export interface DeployInput {
  /** The project root (where .twilioserverlessrc and package.json are). */
  root: string;
  envFile: string;
  /** A local stand-in for Twilio's API (the emulator), or null for Twilio itself. */
  apiBaseUrl: string | null;
  /** Progress lines, free of secrets. */
  onStatus: (message: string) => void;
  /**
   * Where the Console's variables differ from the file: `stop` (throw, listing them),
   * `keep-console` (deploy the Console's values and write them into the file) or `overwrite`
   * (make the Console match the file, removing variables the file does not set).
   */
  consoleEdits: 'stop' | 'keep-console' | 'overwrite';
}

export interface Deployment {
  serviceSid: string;
  buildSid: string;
  domain: string;
  embedTag: string;
}

/** Twilio gives Functions ACCOUNT_SID and AUTH_TOKEN itself; empty values are not variables. */
export function deployedVariables(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([key, value]) => value !== '' && key !== 'ACCOUNT_SID' && key !== 'AUTH_TOKEN'));
}

export function embedTag(domain: string): string {
  return `<script src="https://${domain}/webchat.js" async></script>`;
}

export async function deployProject(input: DeployInput): Promise<Deployment> {
  const envName = path.basename(input.envFile);
  const envText = await readFile(input.envFile, 'utf8').catch(() => {
    throw new Error(`${input.envFile} does not exist: run \`npm run setup\` first, or copy .env.example and fill it in.`);
  });
  const problem = deployProblem(envText, envName);
  if (problem !== null) throw new Error(problem);
  let env = parseEnv(envText);
  const project = await readProjectConfig(input.root);
  for (const folder of [project.functionsFolder, project.assetsFolder]) {
    await access(path.join(input.root, folder)).catch(() => {
      throw new Error(`${folder} does not exist: run \`npm run build\` first (npm run deploy does).`);
    });
  }
  const pkgJson = JSON.parse(await readFile(path.join(input.root, 'package.json'), 'utf8')) as Record<string, unknown>;

  const client = serverlessClient({ username: env.ACCOUNT_SID ?? '', password: env.AUTH_TOKEN ?? '' }, input.apiBaseUrl);
  client.on('status-update', (update: { message: string }) => input.onStatus(update.message));
  const existing = await api.findServiceSid(project.serviceName, client);
  if (existing !== undefined) input.onStatus(`Updating service ${project.serviceName} (${existing})`);
  const deployed = await readConsoleVariables(client, existing);
  const changed = deployed === null ? [] : differences(deployed.values, deployedVariables(env), await lastDeployed(input.envFile, deployed.serviceSid));
  if (changed.length > 0 && input.consoleEdits === 'stop') {
    throw new Error(`The Twilio Console has settings that differ from ${envName}; deploying it would replace them:
${describeDifferences(changed)}
Say which side wins: \`npm run deploy -- --env ${envName} --keep-console\` keeps the Console's values (and writes them into ${envName}),
\`--overwrite\` replaces them with the file's. \`npm run pull-settings -- --env ${envName}\` writes them into the file without deploying.`);
  }
  if (changed.length > 0 && input.consoleEdits === 'keep-console') {
    const kept = Object.fromEntries(changed.map((difference) => [difference.key, difference.console]));
    await writeFile(input.envFile, withValues(envText, kept));
    env = { ...env, ...kept };
    input.onStatus(`Kept the Console's ${Object.keys(kept).join(', ')} and wrote them into ${envName}`);
  }
  const result = await client.deployLocalProject({
    username: env.ACCOUNT_SID ?? '',
    password: env.AUTH_TOKEN ?? '',
    cwd: input.root,
    envPath: input.envFile,
    functionsFolderName: project.functionsFolder,
    assetsFolderName: project.assetsFolder,
    serviceName: project.serviceName,
    serviceSid: existing,
    functionsEnv: '',
    env: deployedVariables(env),
    pkgJson,
    runtime: project.runtime,
    uiEditable: true,
  });
  const unset = changed.filter((difference) => difference.file === null).map((difference) => difference.key);
  if (deployed !== null && unset.length > 0 && input.consoleEdits === 'overwrite') {
    await api.removeEnvironmentVariables(unset, deployed.environmentSid, deployed.serviceSid, client);
    input.onStatus(`Removed ${unset.join(', ')}, which ${envName} does not set`);
  }
  // Creation sets UiEditable; a Service first deployed by `twilio serverless:deploy` needs it set here.
  await client.request('post', `Services/${result.serviceSid}`, { form: { UiEditable: true } });
  const now = await readConsoleVariables(client, result.serviceSid);
  await recordDeployed(input.envFile, result.serviceSid, now?.values ?? {});
  return { serviceSid: result.serviceSid, buildSid: result.buildSid, domain: result.domain, embedTag: embedTag(result.domain) };
}
