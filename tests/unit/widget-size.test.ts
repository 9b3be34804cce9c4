/**
 * Size is a feature (the React app this replaces ships 286 KB gzip): budgets on what a visitor
 * downloads, in gzip -9 bytes of the built files, so growth is a deliberate choice.
 * Measured 2026-11-25: loader 3,049; app 15,669; chat view 6,620; Conversations SDK chunk 82,817;
 * every script of a chat 108,155 (room left for a lazily loaded proof-of-work challenge).
 * The visitor ending the chat (store, API call, who ended it) took the app from 17,987 to 18,278;
 * its UI is in the chat view (7,786 → 8,347); all scripts 112,518.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { buildWidget } from '../../scripts/build/build-widget';
import { measureWidget, totalSize, type WidgetSizes } from '../../scripts/build/widget-sizes';

const BUDGET = {
  /** On every page of the host site: the launcher, the empty panel, prefetch and the public API. */
  loader: 3_072,
  /** Fetched on intent, when idle, or on first open: panel frame, form, store, API; no chat view, no transport. */
  app: 18_300,
  /** The Conversations SDK and our transport over it, fetched when a chat starts. */
  sdk: 100_000,
  /**
   * Every script an English chat runs: the loader and all chunks, whatever their names, so a new
   * chunk counts without a change here.
   */
  total: 118_000,
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
    expect(sizes.loader.gzip).toBeLessThanOrEqual(BUDGET.loader);
  });

  test(`the app up to the form (no chat view, no transport) stays under ${BUDGET.app} bytes`, () => {
    expect(sizes.chunks.app.gzip).toBeLessThanOrEqual(BUDGET.app);
  });

  test(`the Conversations SDK chunk stays under ${BUDGET.sdk} bytes`, () => {
    expect(sizes.chunks['conversations-transport'].gzip).toBeLessThanOrEqual(BUDGET.sdk);
  });

  test(`all the JavaScript of a chat stays under ${BUDGET.total} bytes`, () => {
    expect(totalSize(sizes.all).gzip).toBeLessThanOrEqual(BUDGET.total);
  });

  test('the Conversations SDK is only in its own chunk, loaded when a chat starts', async () => {
    const sdk = sizes.chunks['conversations-transport'];
    // The SDK's websocket layer is called twilsock: its name marks SDK code wherever it lands.
    expect(await readFile(sdk.file, 'utf8')).toMatch(/twilsock/);
    for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['chat-view'].file]) {
      expect(await readFile(file, 'utf8')).not.toMatch(/twilsock/);
    }
  });

  test('ships the app, the chat view and one transport (the Conversations SDK), and no emulator-only code', async () => {
    const chunks = (await readdir(path.join(dir, 'webchat'))).map((file) => file.replace(/-[A-Z0-9]+\.js$/, ''));
    expect(chunks.sort()).toStrictEqual(['app', 'chat-view', 'conversations-transport']);
    for (const file of sizes.all.map((script) => script.file)) {
      expect(await readFile(file, 'utf8')).not.toMatch(/EmulatorTransport|\/realtime\/conversations/);
    }
  });
});
