/**
 * Deploys the built project (see .twilioserverlessrc) to the account in an env file, with
 * twilio-run's own client: one Service named by `serviceName`, created on the first deploy and
 * updated by the next ones, with the file's variables, then `UiEditable` set so the Console can
 * change them. Returns where it landed.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { api } from '@twilio-labs/serverless-api';
import { deployProblem } from './deploy-checks';
import { parseEnv } from './env-file';
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
}

export interface Deployment {
  serviceSid: string;
  buildSid: string;
  domain: string;
  embedTag: string;
}

/** Twilio gives Functions ACCOUNT_SID and AUTH_TOKEN itself; empty values are not variables. */
function deployedVariables(env: Readonly<Record<string, string>>): Record<string, string> {
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
  const env = parseEnv(envText);
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
  // Creation sets UiEditable; a Service first deployed by `twilio serverless:deploy` needs it set here.
  await client.request('post', `Services/${result.serviceSid}`, { form: { UiEditable: true } });
  return { serviceSid: result.serviceSid, buildSid: result.buildSid, domain: result.domain, embedTag: embedTag(result.domain) };
}
