/**
 * The TaskRouter workspace of the account's Flex, which only Flex's configuration names. It does
 * not change while a Function instance stays warm, so each instance reads it once per account and
 * API host rather than on every end of a chat. A failed read is not kept: the next call tries again.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { callTwilio } from './twilio-call';

/** Kept as promises so calls that overlap while the first read runs share it. */
const workspaces = new Map<string, Promise<string>>();

/**
 * The same warm instance could serve another account or another API host (the emulator): the key
 * names both, so one never reads the other's workspace.
 */
function cacheKey(config: Pick<FunctionsConfig, 'accountSid' | 'apiBaseUrl'>): string {
  return `${config.accountSid} ${config.apiBaseUrl ?? 'twilio'}`;
}

export function flexWorkspaceSid(client: Twilio, config: Pick<FunctionsConfig, 'accountSid' | 'apiBaseUrl'>): Promise<string> {
  const key = cacheKey(config);
  const known = workspaces.get(key);
  if (known !== undefined) return known;
  const read = callTwilio('fetch Flex configuration', () => client.flexApi.v1.configuration().fetch()).then(({ taskrouterWorkspaceSid }) => taskrouterWorkspaceSid);
  workspaces.set(key, read);
  read.catch(() => {
    if (workspaces.get(key) === read) workspaces.delete(key);
  });
  return read;
}
