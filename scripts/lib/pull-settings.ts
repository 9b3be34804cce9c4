/**
 * Writes the deployed Service's variables, as the Twilio Console has them, into a settings file,
 * without deploying: the file's comments and other lines stay as they are.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { api } from '@twilio-labs/serverless-api';
import { differences, readConsoleVariables } from './console-variables';
import { deployedVariables } from './deploy-project';
import { parseEnv, withValues } from './env-file';
import { readProjectConfig } from './project-config';
import { serverlessClient } from './serverless-client';

export interface PullInput {
  root: string;
  envFile: string;
  apiBaseUrl: string | null;
}

/** The names of the variables written into the file (none when it already matched). */
export async function pullSettings(input: PullInput): Promise<string[]> {
  const envText = await readFile(input.envFile, 'utf8').catch(() => {
    throw new Error(`${input.envFile} does not exist: run \`npm run setup\` first (it needs the account's credentials).`);
  });
  const env = parseEnv(envText);
  const project = await readProjectConfig(input.root);
  const client = serverlessClient({ username: env.ACCOUNT_SID ?? '', password: env.AUTH_TOKEN ?? '' }, input.apiBaseUrl);
  const deployed = await readConsoleVariables(client, await api.findServiceSid(project.serviceName, client));
  if (deployed === null) throw new Error(`The account has no deployed service ${project.serviceName} yet: run \`npm run deploy -- --env ${path.basename(input.envFile)}\` first.`);
  const changed = differences(deployed.values, deployedVariables(env));
  if (changed.length > 0) await writeFile(input.envFile, withValues(envText, Object.fromEntries(changed.map((difference) => [difference.key, difference.console]))));
  return changed.map((difference) => difference.key);
}
