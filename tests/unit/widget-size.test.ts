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
 * With the chat view's texts translated (2026-11-25): the chat view's English (its own texts and
 * those en.ts held for it) moved into the chat-view chunk and the transcript builder into a chunk
 * of its own, fetched for a transcript: loader 3,062; app 19,731 (from 19,970); chat view 12,763;
 * transcript 1,119; translations 2,205–2,843 (Arabic the largest, from 2,197); every script of a
 * chat 122,417 (from 121,244), so `total` rose by those 1,173 bytes.
 * With the page API as well (2026-11-25): loader 3,056 (the handle, its events and the queue paid
 * for by the Paste tokens of the panel becoming CSS fallbacks, the launcher's label coming from the
 * app, and smaller icons); app 19,991 (prefill, endChat, unreadChanged, the translated launcher
 * label and the panel's text styles that left the loader); chat view 13,451 (the chat's events and
 * the tab's attention); every script of a chat 123,350.
 * Launcher and panel at the host page's inline end (bottom left on right-to-left pages), and the
 * visitor's end notice kept out of the list and the unread count (2026-11-25): loader 3,053 (from
 * 3,062: logical offsets, no pinned direction); app 20,025 (from 19,970: the panel's placement by
 * the page's direction, its content by the widget's language); chat view 13,190.
 * All of the above together (2026-11-25): loader 3,061; app 20,049; chat view 13,532 (the page's
 * events skip the end notice too); transcript 1,119; Arabic 2,834; every script of a chat 123,494.
 * The transcript email's code step (2026-12-07), from 123,509 before it: app 20,071 (the
 * emailTranscript call joined the API client, so the chat view no longer bundles its own copy of
 * `post`); chat view 13,430 (the code field); Arabic 2,918; every script of a chat 123,499.
 * Byte savings, no change in behaviour (2026-12-07): the SDK chunk 71,898 (from 82,899: two core-js
 * polyfills for corners the SDK never reaches, one copy of its vendored shims, no decorator
 * metadata); app 19,342 (from 20,057: the form's rules, the proof of work and the start's error
 * texts in a start-form chunk of 1,546, fetched when the form shows); chat view 12,710 (from
 * 13,511: lent modules without CommonJS glue); every script of a chat 112,512. Budgets unchanged:
 * room for what comes next. Both together (2026-12-07): app 19,349; chat view 12,619.
 * Budgets back at the earlier goals (2026-12-07), from app 19,468 and a chat's 113,466: the form
 * itself, its captcha, its styles, its own English and the calls that start a chat (challenge,
 * proof of work, `initWebchat`) joined the start-form chunk (1,650 → 4,265), which the app fetches
 * as it runs unless a chat is saved to resume: app 17,853; every script of a chat 114,480 (what the
 * start-form chunk now bundles again: the API error type, the script injector).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { buildWidget } from '../../scripts/build/build-widget';
import { measureWidget, scriptsOfAChat, totalSize, type WidgetSizes } from '../../scripts/build/widget-sizes';
import DE from '../../widget-src/app/i18n/de';
import { EN_OFFLINE } from '../../widget-src/app/i18n/en-offline';
import { EN_CHAT } from '../../widget-src/app/i18n/en-chat';
import { EN_FORM } from '../../widget-src/app/i18n/en-form';

const BUDGET = {
  /** On every page of the host site: the launcher, the empty panel, prefetch and the public API. Measured 3,063 (2026-12-07). */
  loader: 3_072,
  /**
   * Fetched on intent, when idle, or on first open: panel frame, form, store, API, the English
   * of what it shows (the fallback) and the language choice; no chat view (nor its English), no
   * transport, no translation. Measured 17,853 (2026-12-07), then 18,352 with opening hours,
   * signed-in visitors and the page refused on another origin; file sending moved to the chat-view
   * chunk. The goal is 18,000 again: until then this holds what was won.
   */
  app: 18_400,
  /** The Conversations SDK and our transport over it, fetched when a chat starts. Measured 72,228 (2026-12-07). */
  sdk: 100_000,
  /**
   * Every script a chat runs: the loader and all chunks, whatever their names, so a new chunk
   * counts without a change here; of the translations, only the largest (a visitor loads one).
   * Measured 114,480 (2026-12-07), then 118,913 with the rating, signed-in visitors' earlier chats,
   * several files and the welcome notice. The goal is 118,000 again: until then this holds what was won.
   */
  total: 119_000,
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
    const scripts = scriptsOfAChat(sizes.all);
    expect(scripts.filter((script) => /texts-/.test(script.file))).toHaveLength(1);
    // The closed view replaces a chat; it is never part of one.
    expect(scripts.filter((script) => /offline-/.test(script.file))).toHaveLength(0);
    expect(totalSize(scripts).gzip).toBeLessThanOrEqual(BUDGET.total);
  });

  test('the Conversations SDK is only in its own chunk, loaded when a chat starts', async () => {
    const sdk = sizes.chunks['conversations-transport'];
    // The SDK's websocket layer is called twilsock: its name marks SDK code wherever it lands.
    expect(await readFile(sdk.file, 'utf8')).toMatch(/twilsock/);
    for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['chat-view'].file]) {
      expect(await readFile(file, 'utf8')).not.toMatch(/twilsock/);
    }
  });

  test('the form, its rules, the proof of work and the captcha are only in their own chunk, loaded when the form shows', async () => {
    // The solver hashes with WebCrypto's SHA-256, the form names its fields' ids `twc-field-…`,
    // the captcha calls its provider's `expired-callback`: each marks its code wherever it lands,
    // as two of the form's English texts mark those.
    const startForm = await readFile(sizes.chunks['start-form'].file, 'utf8');
    for (const mark of ['SHA-256', 'twc-field-', 'expired-callback', EN_FORM.badEmail, EN_FORM.notAllowed]) {
      expect(startForm).toContain(mark);
      for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['chat-view'].file]) {
        expect(await readFile(file, 'utf8')).not.toContain(mark);
      }
    }
  });

  test('each translation is only in its own chunk: the loader and the app carry English alone', async () => {
    const german = await readFile(path.join(dir, 'webchat', (await readdir(path.join(dir, 'webchat'))).find((file) => file.startsWith('texts-de-')) ?? ''), 'utf8');
    expect(german).toContain(DE.placeholder);
    for (const file of [sizes.loader.file, sizes.chunks.app.file, sizes.chunks['chat-view'].file]) {
      expect(await readFile(file, 'utf8')).not.toContain(DE.placeholder);
    }
  });

  test('the chat view’s English is in the chat-view chunk, not the app; the transcript builder only in its own chunk', async () => {
    const [app, chatView, transcript] = await Promise.all([sizes.chunks.app, sizes.chunks['chat-view'], sizes.chunks.transcript].map((chunk) => readFile(chunk.file, 'utf8')));
    for (const text of [EN_CHAT['endChat.question'], EN_CHAT['outbox.full'], EN_CHAT['transcript.emailed'], EN_CHAT.placeholder]) {
      expect(chatView).toContain(text);
      expect(app).not.toContain(text);
    }
    // The builder's print stylesheet marks its code wherever it lands.
    expect(transcript).toContain('@media print');
    for (const text of [app, chatView]) expect(text).not.toContain('@media print');
  });

  test('the closed view and its English are only in the offline chunk, fetched while the chat is closed', async () => {
    const [app, chatView, offline] = await Promise.all([sizes.chunks.app, sizes.chunks['chat-view'], sizes.chunks.offline].map((chunk) => readFile(chunk.file, 'utf8')));
    expect(offline).toContain(EN_OFFLINE['offline.intro']);
    for (const text of [app, chatView]) expect(text).not.toContain(EN_OFFLINE['offline.intro']);
  });

  test('ships the app, the chat view, one transport (the Conversations SDK), the start form’s rules and proof of work, the transcript builder, the closed view, the rating and the translations, and no emulator-only code', async () => {
    const chunks = (await readdir(path.join(dir, 'webchat'))).map((file) => file.replace(/-[A-Z0-9]+\.js$/, ''));
    expect(chunks.sort()).toStrictEqual(['app', 'chat-view', 'conversations-transport', 'offline', 'rating', 'start-form', 'texts-ar', 'texts-de', 'texts-es', 'texts-fr', 'texts-pt-BR', 'transcript']);
    for (const file of sizes.all.map((script) => script.file)) {
      expect(await readFile(file, 'utf8')).not.toMatch(/EmulatorTransport|\/realtime\/conversations/);
    }
  });
});
