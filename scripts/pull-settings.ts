/**
 * `npm run pull-settings [-- --env <file>]`: writes the variables of the deployed service, as the
 * Twilio Console has them, into the settings file, without deploying. `TWILIO_API_BASE_URL` in
 * this process's environment sends every call to a local emulator (how it is tested).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { apiBaseUrlFromEnvironment } from './lib/api-base-url';
import { pullSettings } from './lib/pull-settings';

const HELP = `Usage: npm run pull-settings [-- --env <file>]

Writes the deployed service's Environment Variables, as changed in the Twilio Console, into the
settings file (default: .env), keeping its comments. Deploys nothing.
  --env <file>   the settings file (default: .env)
  --help         show this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: 'string', default: '.env' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const envFile = path.resolve(values.env);
  const written = await pullSettings({ root: path.resolve(__dirname, '..'), envFile, apiBaseUrl: apiBaseUrlFromEnvironment(process.env) });
  const name = path.basename(envFile);
  console.log(written.length === 0 ? `${name} already has the Console's values.` : `Wrote the Console's ${written.join(', ')} into ${name}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
