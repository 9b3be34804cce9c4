/**
 * `npm start`: the whole product on this machine, no Twilio account and no network. Builds, writes a
 * .env of fake credentials if there is none, then serves the Functions and Assets (twilio-run) against
 * the Twilio emulator, which also hosts the agent desk.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAll } from './build';
import { FAKE_ENV_MARKER } from './lib/deploy-checks';
import { fakeTwilioEnv, formatEnv, parseEnv, visitorIdentitySecret } from './lib/env-file';
import { startLocalStack } from './lib/local-stack';
import { readyMessage } from './lib/ready-message';

const root = path.resolve(__dirname, '..');
const envPath = path.join(root, '.env');

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
}

async function localEnv(): Promise<Record<string, string>> {
  if (!existsSync(envPath)) {
    const example = parseEnv(await readFile(path.join(root, '.env.example'), 'utf8'));
    // A SendGrid key of the real shape: transcript emails land in the emulator's outbox (the desk shows them).
    const localEmail = { SENDGRID_API_KEY: 'SG.local-emulator.not-a-real-sendgrid-key', TRANSCRIPT_FROM_EMAIL: 'transcripts@localhost.test' };
    // Signed-in visitors can be tried at once: sign tokens with this secret (README, Signed-in visitors).
    const identity = { VISITOR_IDENTITY_SECRET: visitorIdentitySecret() };
    await writeFile(envPath, `${FAKE_ENV_MARKER}\n${formatEnv({ ...example, ...fakeTwilioEnv(), ...localEmail, ...identity })}`, { mode: 0o600 });
    console.log('wrote .env with fake credentials for the local emulator');
  }
  return parseEnv(await readFile(envPath, 'utf8'));
}

/** Says plainly that an edit to .env changes nothing until a restart (twilio-run reads it at start). */
function watchEnv(): FSWatcher {
  let said = 0;
  return watch(envPath, () => {
    // Editors save in several writes: one notice per save.
    if (Date.now() - said < 2000) return;
    said = Date.now();
    console.log('  .env changed: the running stack keeps the settings it started with. Press Ctrl-C and run npm start again to use them (the emulator starts empty).');
  });
}

async function main(): Promise<void> {
  const webPort = port('PORT', 3000);
  const emulatorPort = port('EMULATOR_PORT', 3001);
  await buildAll();
  const stack = await startLocalStack({ env: await localEnv(), port: webPort, emulatorPort, output: process.stdout });
  console.log(readyMessage(stack));
  const watcher = watchEnv();
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping...');
    watcher.close();
    stack.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
