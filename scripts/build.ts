import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildFunctions } from './build-functions';
import { buildWidget } from './build-widget';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/** Writes `dist/functions` and `dist/assets`: what twilio-run serves and deploys. */
export async function buildAll(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  const functions = await buildFunctions(path.join(root, 'functions'), path.join(dist, 'functions'));
  await cp(path.join(root, 'assets'), path.join(dist, 'assets'), { recursive: true });
  // Twilio answers `/` with the Asset at path /assets/index.html (twilio-run mirrors this), so the
  // demo page goes there to open at the site root.
  await mkdir(path.join(dist, 'assets/assets'));
  await rename(path.join(dist, 'assets/index.html'), path.join(dist, 'assets/assets/index.html'));
  await buildWidget(path.join(dist, 'assets'));
  console.log(`built ${functions.length} functions (${functions.join(', ')}) and the widget into dist/`);
}

if (require.main === module) {
  buildAll().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
