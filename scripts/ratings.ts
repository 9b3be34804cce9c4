/**
 * `npm run ratings -- --env <file> [--since <date>]`: prints the chat ratings kept in the
 * deployment's Sync map (contract/ratings.ts) as CSV, oldest first. `TWILIO_API_BASE_URL` in this
 * process's environment reads them from a local emulator instead of Twilio, as deploy does.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RATINGS_MAP, type RatingRecord } from '../contract/ratings';
import { apiBaseUrlFromEnvironment } from './lib/api-base-url';
import { parseEnv } from './lib/env-file';
import { ratingsCsv } from './lib/ratings-csv';
import { twilioAt } from './lib/twilio-at';

const HELP = `Usage: npm run ratings -- --env <file> [--since <date>]

Prints the chat ratings as CSV: time, conversationSid, agent, rating, comment.
  --env <file>     the deployment's settings (ACCOUNT_SID, AUTH_TOKEN, SYNC_SERVICE_SID); default .env
  --since <date>   only ratings from then on, e.g. 2026-12-01 or 2026-12-01T09:00:00Z
  --help           show this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: 'string', default: '.env' }, since: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const since = values.since === undefined ? null : new Date(values.since);
  if (since !== null && Number.isNaN(since.getTime())) throw new Error(`--since ${values.since} is not a date like 2026-12-01`);
  const env = parseEnv(await readFile(path.resolve(values.env), 'utf8'));
  const client = twilioAt(apiBaseUrlFromEnvironment(process.env), env.ACCOUNT_SID ?? '', env.AUTH_TOKEN ?? '');
  const sync = client.sync.v1.services(env.SYNC_SERVICE_SID || 'default');
  let records: RatingRecord[] = [];
  try {
    records = (await sync.syncMaps(RATINGS_MAP).syncMapItems.list({ pageSize: 100 })).map((item) => item.data as RatingRecord);
  } catch (error) {
    // No map yet: nobody has rated a chat.
    if ((error as { status?: unknown }).status !== 404) throw error;
  }
  process.stdout.write(ratingsCsv(records, since));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
