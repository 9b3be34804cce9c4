/**
 * Size is a feature (the React app this replaces ships 286 KB gzip): budgets on what a visitor
 * downloads, in gzip bytes, a little above the measured sizes so growth is a deliberate choice.
 * Measured 2026-11-25: loader 3,739 (with the classic-script chunk loader); app 19,055.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildWidget } from '../../scripts/build-widget';
import { measureWidget, type WidgetSizes } from '../../scripts/lib/widget-sizes';

const BUDGET = {
  /** On every page of the host site. */
  loader: 3_800,
  /** Fetched on first open (or at load when a saved chat exists): UI, store, API; no transport. */
  app: 19_500,
  /** Local development only. */
  emulatorTransport: 2_600,
};

let dir: string;
let sizes: WidgetSizes;

describe('widget size budgets (gzip)', { timeout: 120_000 }, () => {
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'widget-size-'));
    await buildWidget(dir);
    sizes = await measureWidget(dir);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test(`the loader stays under ${BUDGET.loader} bytes`, () => {
    assert.ok(sizes.loader.gzip <= BUDGET.loader, `loader is ${sizes.loader.gzip} bytes gzip`);
  });

  test(`the app without any transport stays under ${BUDGET.app} bytes`, () => {
    assert.ok(sizes.chunks.app.gzip <= BUDGET.app, `app is ${sizes.chunks.app.gzip} bytes gzip`);
  });

  test('the Conversations SDK is only in its own chunk, loaded when a chat starts', async () => {
    const sdk = sizes.chunks['conversations-transport'];
    assert.ok(sdk.gzip > 100_000, `the SDK chunk holds the SDK (${sdk.gzip} bytes gzip)`);
    // The SDK's websocket layer is called twilsock: its name marks SDK code wherever it lands.
    assert.match(await readFile(sdk.file, 'utf8'), /twilsock/);
    for (const file of [sizes.loader.file, sizes.chunks.app.file]) {
      assert.doesNotMatch(await readFile(file, 'utf8'), /twilsock/, `${path.basename(file)} holds no SDK code`);
    }
  });

  test(`the emulator transport is its own chunk under ${BUDGET.emulatorTransport} bytes`, () => {
    const emulator = sizes.chunks['emulator-transport'];
    assert.ok(emulator.gzip <= BUDGET.emulatorTransport, `emulator transport is ${emulator.gzip} bytes gzip`);
  });
});
