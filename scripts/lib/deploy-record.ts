/**
 * What the last deploy from this settings file left in the Service's variables, kept beside the
 * file (`<file>.deployed.json`, ignored by git like the file) as SHA-256 digests, never values.
 *
 * Why: a variable whose Console value differs from the file was changed on one side or the other.
 * When the Console still has what the last deploy set, the file changed and a deploy is what the
 * owner wants; otherwise the Console changed it and a deploy would silently undo that.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

interface DeployRecord {
  serviceSid: string;
  /** key → SHA-256 (hex) of the value deployed. */
  variables: Record<string, string>;
}

const recordPath = (envFile: string): string => `${envFile}.deployed.json`;

export const digest = (value: string): string => createHash('sha256').update(value).digest('hex');

/** The digests the last deploy of `envFile` to `serviceSid` left, or null when none is known. */
export async function lastDeployed(envFile: string, serviceSid: string): Promise<Readonly<Record<string, string>> | null> {
  try {
    const record = JSON.parse(await readFile(recordPath(envFile), 'utf8')) as DeployRecord;
    return record.serviceSid === serviceSid ? record.variables : null;
  } catch {
    return null;
  }
}

export async function recordDeployed(envFile: string, serviceSid: string, values: Readonly<Record<string, string>>): Promise<void> {
  const record: DeployRecord = { serviceSid, variables: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, digest(value)])) };
  await writeFile(recordPath(envFile), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}
