/**
 * `npm run emulator`: builds (the agent desk page is served from dist/desk), then runs the Twilio
 * API emulator on its own. Reads `.env` from the working directory when present (the same
 * variables the Functions use), then `EMULATOR_PORT` (3001).
 */
import { existsSync } from 'node:fs';
import { emulatorOptionsFromEnv } from './options-from-env';
import { startEmulator } from './server';
import { twilsockUrl } from './realtime/twilsock-server';

const DEFAULT_PORT = 3001;

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const port = Number(process.env.EMULATOR_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`emulator: EMULATOR_PORT must be a port number, got ${process.env.EMULATOR_PORT}`);
    process.exit(1);
  }
  let options;
  try {
    options = emulatorOptionsFromEnv(process.env, port);
  } catch (error) {
    console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const emulator = await startEmulator(options);
  console.log(`Twilio API emulator on ${emulator.url} (agent desk: ${emulator.url}/, Conversations SDK: ${twilsockUrl(emulator.url)})`);

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
