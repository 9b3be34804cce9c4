import type { EmulatorOptions } from './server';

/**
 * The emulator plays the account the Functions are configured for, so it takes the same variables
 * (ACCOUNT_SID, AUTH_TOKEN, API_KEY, ...). Throws an Error naming the first one missing.
 */
export function emulatorOptionsFromEnv(env: Readonly<Record<string, string | undefined>>, port: number): EmulatorOptions {
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`${name} is not set (put it in .env or the environment)`);
    return value;
  };
  return {
    port,
    accountSid: required('ACCOUNT_SID'),
    authToken: required('AUTH_TOKEN'),
    apiKey: required('API_KEY'),
    apiSecret: required('API_SECRET'),
    conversationsServiceSid: required('CONVERSATIONS_SERVICE_SID'),
    addressSid: required('ADDRESS_SID'),
    // Optional: the Functions may name the default Sync service by its sid or by `default`.
    syncServiceSid: env.SYNC_SERVICE_SID === 'default' ? undefined : env.SYNC_SERVICE_SID || undefined,
  };
}
