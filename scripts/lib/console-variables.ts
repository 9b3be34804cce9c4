/**
 * The variables of the deployed Service as the Twilio Console shows and edits them (Functions and
 * Assets > Services > Environment Variables, the Serverless API's Variables of the bare
 * environment that `npm run deploy` deploys to), and how they differ from a settings file.
 */
import { api, type TwilioServerlessApiClient } from '@twilio-labs/serverless-api';
import { readFileSync } from 'node:fs';
import { digest } from './deploy-record';
import { documentedVariables, ENV_EXAMPLE_PATH } from './env-example';

export interface ConsoleVariables {
  serviceSid: string;
  environmentSid: string;
  /** key → value, as set in the Console or by the last deploy. */
  values: Record<string, string>;
  /** key → the Variable's sid, to update or remove it. */
  sids: Record<string, string>;
}

/** One variable whose Console value a deploy of the file would change; null where it is not set. */
export interface Difference {
  key: string;
  console: string;
  file: string | null;
}

/** The deployed environment's variables, or null before the first deploy. */
export async function readConsoleVariables(client: TwilioServerlessApiClient, serviceSid: string | undefined): Promise<ConsoleVariables | null> {
  if (serviceSid === undefined) return null;
  const environments = await api.listEnvironments(serviceSid, client);
  // twilio-run's "bare" environment (no domain suffix), the one deployLocalProject uses with functionsEnv ''.
  const environment = environments.find((candidate) => !candidate.domain_suffix);
  if (environment === undefined) return null;
  const variables = await api.listVariablesForEnvironment(environment.sid, serviceSid, client);
  return {
    serviceSid,
    environmentSid: environment.sid,
    values: Object.fromEntries(variables.map((variable) => [variable.key, variable.value])),
    sids: Object.fromEntries(variables.map((variable) => [variable.key, variable.sid])),
  };
}

/**
 * The Console's values that differ from the file's: variables the file sets otherwise or not at
 * all (variables only in the file are new settings). With `lastDeployed` (digests of what the last
 * deploy set), only those the Console changed since: where it still has the deployed value, the
 * file is the side that changed.
 */
export function differences(
  consoleValues: Readonly<Record<string, string>>,
  file: Readonly<Record<string, string>>,
  lastDeployed: Readonly<Record<string, string>> | null = null,
): Difference[] {
  return Object.entries(consoleValues)
    .filter(([key, value]) => file[key] !== value && (lastDeployed === null || lastDeployed[key] !== digest(value)))
    .map(([key, value]) => ({ key, console: value, file: file[key] ?? null }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** `# format: secret` in .env.example, or a name that says it is one. */
function isSecret(key: string, secretKeys: ReadonlySet<string>): boolean {
  return secretKeys.has(key) || /SECRET|TOKEN|PASSWORD/.test(key);
}

function shown(value: string | null, secret: boolean): string {
  if (value === null) return '(not set)';
  return secret ? `(secret, ${value.length} characters)` : value;
}

/** One line per difference: name, Console value, file value, secrets masked. */
export function describeDifferences(list: readonly Difference[], example: string = readFileSync(ENV_EXAMPLE_PATH, 'utf8')): string {
  const secretKeys = new Set([...documentedVariables(example)].filter(([, annotations]) => annotations.format === 'secret').map(([key]) => key));
  const width = Math.max(...list.map((difference) => difference.key.length));
  return list
    .map(({ key, console, file }) => {
      const secret = isSecret(key, secretKeys);
      return `  ${key.padEnd(width)}  Console: ${shown(console, secret)}  file: ${shown(file, secret)}`;
    })
    .join('\n');
}
