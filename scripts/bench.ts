/** `npm run bench`: prints the widget's and the Functions' figures. Never run by tests. */
import { benchFunctions } from './bench-functions';
import { benchWidget } from './bench-widget';
import { buildAll } from './build';

async function main(): Promise<void> {
  console.log('== widget');
  await benchWidget({ runs: 7, browser: true });
  console.log('\n== functions (twilio-run + emulator on this machine)');
  await buildAll();
  await benchFunctions();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
