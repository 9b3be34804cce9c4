import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildDesk } from './build/build-desk';
import { buildFunctions } from './build/build-functions';
import { buildWidget } from './build/build-widget';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/**
 * Writes what twilio-run serves and deploys (see .twilioserverlessrc):
 *   dist/functions      the public Functions, one bundled file each
 *   dist/assets         the deployed Assets: the widget's production files and a neutral root page
 *   dist/local/assets   the same plus the local demo page, for `npm start` only (never deployed)
 *   dist/desk           the emulator's agent desk page, for `npm start` and `npm run emulator` only
 */
export async function buildAll(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  const functions = await buildFunctions(path.join(root, 'functions'), path.join(dist, 'functions'));
  const assets = path.join(dist, 'assets');
  await buildWidget(assets);
  // Twilio answers `/` with the Asset at path /assets/index.html (twilio-run mirrors this).
  await mkdir(path.join(assets, 'assets'));
  await cp(path.join(root, 'assets/index.html'), path.join(assets, 'assets/index.html'));

  const local = path.join(dist, 'local/assets');
  await cp(assets, local, { recursive: true });
  await cp(path.join(root, 'demo/index.html'), path.join(local, 'assets/index.html'));
  await cp(path.join(root, 'demo/demo.css'), path.join(local, 'demo.css'));
  await buildDesk();
  console.log(`built ${functions.length} functions (${functions.join(', ')}), the widget, the local demo and the agent desk into dist/`);
}

if (require.main === module) {
  buildAll().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
