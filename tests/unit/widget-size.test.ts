/**
 * Size is a feature (the React app this replaces ships 286 KB gzip): budgets on what a visitor
 * downloads, in gzip bytes, a little above the measured sizes so growth is a deliberate choice.
 * Measured 2026-11-25: loader 3,739 (with the classic-script chunk loader); app 19,055.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { buildWidget } from '../../scripts/build-widget';
import { measureWidget, type WidgetSizes } from '../../scripts/lib/widget-sizes';

const BUDGET = {
  /** On every page of the host site. */
  loader: 3_800,
  /** Fetched on first open (or at load when a saved chat exists): UI, store, API; no transport. */
  app: 19_600,
};

let dir: string;
let sizes: WidgetSizes;

jest.setTimeout(120_000);

describe('widget size budgets (gzip)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'widget-size-'));
    await buildWidget(dir);
    sizes = await measureWidget(dir);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test(`the loader stays under ${BUDGET.loader} bytes`, () => {
    expect(sizes.loader.gzip <= BUDGET.loader).toBeTruthy();
  });

  test(`the app without any transport stays under ${BUDGET.app} bytes`, () => {
    expect(sizes.chunks.app.gzip <= BUDGET.app).toBeTruthy();
  });

  test('the Conversations SDK is only in its own chunk, loaded when a chat starts', async () => {
    const sdk = sizes.chunks['conversations-transport'];
    expect(sdk.gzip > 100_000).toBeTruthy();
    // The SDK's websocket layer is called twilsock: its name marks SDK code wherever it lands.
    expect(await readFile(sdk.file, 'utf8')).toMatch(/twilsock/);
    for (const file of [sizes.loader.file, sizes.chunks.app.file]) {
      expect(await readFile(file, 'utf8')).not.toMatch(/twilsock/);
    }
  });

  test('ships one transport, the Conversations SDK, and no emulator-only code', async () => {
    const chunks = (await readdir(path.join(dir, 'webchat'))).map((file) => file.replace(/-[A-Z0-9]+\.js$/, ''));
    expect(chunks.sort()).toStrictEqual(['app', 'conversations-transport']);
    for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['conversations-transport'].file]) {
      expect(await readFile(file, 'utf8')).not.toMatch(/EmulatorTransport|\/realtime\/conversations/);
    }
  });
});
