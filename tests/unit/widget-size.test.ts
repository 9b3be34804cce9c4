/**
 * Size is a feature (the React app this replaces ships 286 KB gzip): budgets on what a visitor
 * downloads, in gzip -9 bytes of the built files, so growth is a deliberate choice.
 * Measured 2026-11-25: loader 3,049; app 15,669; chat view 6,620; Conversations SDK chunk 82,817;
 * every script of a chat 108,155 (room left for a lazily loaded proof-of-work challenge).
 * The visitor ending the chat (store, API call, who ended it) took the app from 17,987 to 18,278;
 * its UI is in the chat view (7,786 → 8,347); all scripts 112,518.
 * With six languages (2026-11-25): app 19,582 (from 17,987: the English table, `t()` and the
 * language choice); each translation 1,703–2,197, never in the loader or the app.
 * With Markdown, the offline outbox, ending the chat and transcripts as well (2026-11-25): loader
 * 3,061; app 19,904; chat view 13,116 (from 7,786; the transcript builder is its largest part and
 * the first candidate for a chunk of its own); every script of a chat 121,177.
 * Launcher and panel at the host page's inline end (bottom left on right-to-left pages), and the
 * visitor's end notice kept out of the list and the unread count (2026-11-25): loader 3,053 (from
 * 3,062: logical offsets, no pinned direction); app 20,025 (from 19,970: the panel's placement by
 * the page's direction, its content by the widget's language); chat view 13,190.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { buildWidget } from '../../scripts/build/build-widget';
import { measureWidget, totalSize, type WidgetSizes } from '../../scripts/build/widget-sizes';
import DE from '../../widget-src/app/i18n/de';

const BUDGET = {
  /** On every page of the host site: the launcher, the empty panel, prefetch and the public API. */
  loader: 3_072,
  /**
   * Fetched on intent, when idle, or on first open: panel frame, form, store, API, every English
   * text (the fallback) and the language choice; no chat view, no transport, no translation.
   */
  app: 20_100,
  /** The Conversations SDK and our transport over it, fetched when a chat starts. */
  sdk: 100_000,
  /**
   * Every script a chat runs: the loader and all chunks, whatever their names, so a new chunk
   * counts without a change here; of the translations, only the largest (a visitor loads one).
   */
  total: 121_500,
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
    const translation = (file: string): boolean => /[\\/]texts-[\w-]+-[A-Z0-9]+\.js$/.test(file);
    const largest = Math.max(...sizes.all.filter((script) => translation(script.file)).map((script) => script.gzip));
    expect(totalSize(sizes.all.filter((script) => !translation(script.file))).gzip + largest).toBeLessThanOrEqual(BUDGET.total);
  });

  test('the Conversations SDK is only in its own chunk, loaded when a chat starts', async () => {
    const sdk = sizes.chunks['conversations-transport'];
    // The SDK's websocket layer is called twilsock: its name marks SDK code wherever it lands.
    expect(await readFile(sdk.file, 'utf8')).toMatch(/twilsock/);
    for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['chat-view'].file]) {
      expect(await readFile(file, 'utf8')).not.toMatch(/twilsock/);
    }
  });

  test('each translation is only in its own chunk: the loader and the app carry English alone', async () => {
    const german = await readFile(path.join(dir, 'webchat', (await readdir(path.join(dir, 'webchat'))).find((file) => file.startsWith('texts-de-')) ?? ''), 'utf8');
    expect(german).toContain(DE.placeholder);
    for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['chat-view'].file]) {
      expect(await readFile(file, 'utf8')).not.toContain(DE.placeholder);
    }
  });

  test('ships the app, the chat view, one transport (the Conversations SDK) and the translations (the Conversations SDK), and no emulator-only code', async () => {
    const chunks = (await readdir(path.join(dir, 'webchat'))).map((file) => file.replace(/-[A-Z0-9]+\.js$/, ''));
    expect(chunks.sort()).toStrictEqual(['app', 'chat-view', 'conversations-transport', 'texts-ar', 'texts-de', 'texts-es', 'texts-fr', 'texts-pt-BR']);
    for (const file of sizes.all.map((script) => script.file)) {
      expect(await readFile(file, 'utf8')).not.toMatch(/EmulatorTransport|\/realtime\/conversations/);
    }
  });
});
