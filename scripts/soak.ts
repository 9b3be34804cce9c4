/**
 * `npm run soak [-- --minutes 30 --seed N --round-seconds 60]`: the soak test for longer, in rounds
 * (scripts/bench/soak-rounds.ts), on the build in dist/. Exits 1 when a round ended with a side not
 * showing exactly the conversation.
 */
import { parseArgs } from 'node:util';
import { soakRounds } from './bench/soak-rounds';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '30' }, seed: { type: 'string' }, 'round-seconds': { type: 'string', default: '60' } },
  });
  const minutes = Number(values.minutes);
  const roundSeconds = Number(values['round-seconds']);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (![minutes, roundSeconds, seed ?? 0].every(Number.isFinite) || minutes <= 0 || roundSeconds <= 0) throw new Error('--minutes, --round-seconds and --seed take numbers');
  process.exitCode = (await soakRounds({ seed, minutes, roundSeconds })) > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
