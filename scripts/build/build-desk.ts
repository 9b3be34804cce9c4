/**
 * Builds the emulator's agent desk page (scripts/emulator/desk/app/) into dist/desk, where the
 * emulator serves it from (scripts/emulator/desk/desk-page.ts): the page, its styles and its script
 * with the real @twilio/conversations SDK bundled in. A local tool, never deployed: readable
 * rather than minified, for any modern browser.
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { DESK_BUILD_DIR, DESK_PAGE_FILES } from '../emulator/desk/desk-page';

const APP = path.resolve(__dirname, '../emulator/desk/app');

/** The built file a page URL is answered with (desk-page.ts's table, so both agree). */
function builtFile(url: string): string {
  const entry = DESK_PAGE_FILES[url];
  if (entry === undefined) throw new Error(`build-desk: the desk page has no ${url}`);
  return path.join(DESK_BUILD_DIR, entry.file);
}

export async function buildDesk(): Promise<void> {
  await rm(DESK_BUILD_DIR, { recursive: true, force: true });
  await mkdir(DESK_BUILD_DIR, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(APP, 'desk-app.ts')],
    outfile: builtFile('/desk.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'warning',
  });
  await copyFile(path.join(APP, 'desk.html'), builtFile('/'));
  await copyFile(path.join(APP, 'desk.css'), builtFile('/desk.css'));
}
