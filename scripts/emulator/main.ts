/**
 * `npm run emulator`: runs the Twilio API emulator on its own. Reads `.env` from the working
 * directory when present (the same variables the Functions use), then `EMULATOR_PORT` (3001).
 */
import { existsSync } from 'node:fs';
import { startEmulator } from './server';

const DEFAULT_PORT = 3001;

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    console.error(`emulator: ${name} is not set (put it in .env or the environment)`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const port = Number(process.env.EMULATOR_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`emulator: EMULATOR_PORT must be a port number, got ${process.env.EMULATOR_PORT}`);
    process.exit(1);
  }
  const emulator = await startEmulator({
    port,
    accountSid: requireEnv('ACCOUNT_SID'),
    authToken: requireEnv('AUTH_TOKEN'),
    apiKey: requireEnv('API_KEY'),
    apiSecret: requireEnv('API_SECRET'),
    conversationsServiceSid: requireEnv('CONVERSATIONS_SERVICE_SID'),
    addressSid: requireEnv('ADDRESS_SID'),
  });
  console.log(`Twilio API emulator on ${emulator.url} (agent desk: ${emulator.url}/)`);

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('emulator: failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('emulator: failed to start', error);
  process.exit(1);
});
