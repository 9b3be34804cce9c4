/**
 * Bundles the widget with esbuild into `dist/assets` (served at the site root by twilio-run and
 * deployed as Twilio Assets). Every file is a classic script (IIFE), never an ES module: see
 * widget-src/common/chunks.ts for why.
 *
 *   webchat.js                              the loader a host page embeds; stable URL, no hash
 *   webchat.d.ts                            the page API's types, for host pages in TypeScript
 *   webchat/app-<hash>.js                   the chat app up to the form, loaded on intent, idle or first open
 *   webchat/chat-view-<hash>.js             the conversation view, loaded with the SDK when a chat starts
 *   webchat/transcript-<hash>.js            the transcript builder, loaded by the chat view for a transcript
 *   webchat/rating-<hash>.js                the rating form, loaded by the chat view once a chat has ended
 *   webchat/conversations-transport-<hash>.js   the Conversations SDK, loaded when a chat starts
 *   webchat/start-form-<hash>.js            the form's rules and the start challenge's proof of work, loaded by the app when the form shows
 *   webchat/offline-<hash>.js               the closed view and its message form, loaded by the app only while the chat is closed
 *   webchat/texts-<language>-<hash>.js      one translation each (es, fr, de, pt-BR, ar), loaded by the app when chosen
 *
 * Chunks are built innermost first so each file can embed the hashed paths of those it loads
 * (cache-busting without any cache configuration on Twilio's side). CSS files are imported as
 * minified text and applied as constructable stylesheets (CSP-safe, see widget-src/common/adopt-styles.ts).
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { LANGUAGES } from '../../widget-src/app/i18n/languages';
import type { ChunkPaths } from '../../widget-src/common/chunks';
import { appSharedModules } from './app-shared-modules';
import { esbuildTargets, supportedBrowsers } from './browser-targets';
import { twilioModernBuilds } from './twilio-modern-builds';
import { writeWebchatTypes } from './webchat-types';

const ROOT = path.resolve(__dirname, '../..');
const WIDGET_SRC = path.join(ROOT, 'widget-src');

/** The oldest browser of each engine in package.json's `browserslist` (see scripts/lib/browser-targets.ts). */
const TARGET = esbuildTargets();

/** `import css from '../x.css'` yields the minified CSS text. */
const cssAsText: esbuild.Plugin = {
  name: 'css-as-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const { code } = await esbuild.transform(source, { loader: 'css', minify: true, target: TARGET });
      // esbuild keeps the space after a custom property's colon; CSS drops it anyway
      // (https://www.w3.org/TR/css-variables-1/#defining-variables).
      const css = code.trim().replace(/(--[\w-]+): /g, '$1:');
      return { contents: `export default ${JSON.stringify(css)};`, loader: 'js' };
    });
  },
};

const common: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  target: TARGET,
  platform: 'browser',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [cssAsText, twilioModernBuilds(supportedBrowsers())],
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: ROOT,
};

/** Points a translation chunk's `webchat-language-table` import at `language`'s file (widget-src/app/i18n/texts-chunk.ts). */
function languageTable(language: string): esbuild.Plugin {
  return {
    name: 'language-table',
    setup(build) {
      build.onResolve({ filter: /^webchat-language-table$/ }, () => ({ path: path.join(WIDGET_SRC, 'app/i18n', `${language}.ts`) }));
    },
  };
}

/** Builds one entry as a hashed classic script under `webchat/`; answers its path relative to `out`. */
async function buildChunk(out: string, name: string, entry: string, define: Record<string, string> = {}, plugins: esbuild.Plugin[] = []): Promise<string> {
  const result = await esbuild.build({
    ...common,
    entryPoints: { [name]: path.join(WIDGET_SRC, entry) },
    outdir: path.join(out, 'webchat'),
    format: 'iife',
    entryNames: '[name]-[hash]',
    define: { ...common.define, ...define },
    plugins: [...(common.plugins ?? []), ...plugins],
  });
  const [output] = Object.keys(result.metafile?.outputs ?? {});
  if (output === undefined) throw new Error(`build-widget: esbuild produced no ${name} chunk`);
  return path.relative(out, path.resolve(ROOT, output)).split(path.sep).join('/');
}

/** Builds the loader and its chunks into `outdir` (normally `dist/assets`). */
export async function buildWidget(outdir: string): Promise<void> {
  const out = path.resolve(ROOT, outdir);
  await rm(path.join(out, 'webchat'), { recursive: true, force: true });
  await mkdir(path.join(out, 'webchat'), { recursive: true });

  const transcript = await buildChunk(out, 'transcript', 'app/transcript/transcript-chunk.ts');
  const rating = await buildChunk(out, 'rating', 'app/rating/rating-chunk.ts', {}, [appSharedModules()]);
  // Beside the chat-view chunk, which resolves them against its own URL.
  const chatViewChunks = { __WEBCHAT_TRANSCRIPT__: JSON.stringify(path.posix.basename(transcript)), __WEBCHAT_RATING__: JSON.stringify(path.posix.basename(rating)) };
  const appChunks: Omit<ChunkPaths, 'app' | 'transcript' | 'rating'> = {
    'conversations-transport': await buildChunk(out, 'conversations-transport', 'transport/conversations-chunk.ts'),
    'start-form': await buildChunk(out, 'start-form', 'app/form/start-form-chunk.ts', {}, [appSharedModules()]),
    'chat-view': await buildChunk(out, 'chat-view', 'app/chat-view-chunk.ts', chatViewChunks, [appSharedModules()]),
    offline: await buildChunk(out, 'offline', 'app/offline/offline-chunk.ts', {}, [appSharedModules()]),
  };
  const texts: Record<string, string> = {};
  for (const language of LANGUAGES) {
    if (language === 'en') continue;
    const file = await buildChunk(out, `texts-${language}`, 'app/i18n/texts-chunk.ts', { __WEBCHAT_LANGUAGE__: JSON.stringify(language) }, [languageTable(language)]);
    // Beside the app chunk, which resolves them against its own URL.
    texts[language] = path.posix.basename(file);
  }
  const app = await buildChunk(out, 'app', 'app/chunk.ts', { __WEBCHAT_CHUNKS__: JSON.stringify(appChunks), __WEBCHAT_TEXTS__: JSON.stringify(texts) });
  // The loader only ever loads the app; the app knows the other chunks.
  const loaderChunks: Pick<ChunkPaths, 'app'> = { app };

  await esbuild.build({
    ...common,
    entryPoints: { webchat: path.join(WIDGET_SRC, 'loader/index.ts') },
    outdir: out,
    format: 'iife',
    define: { ...common.define, __WEBCHAT_CHUNKS__: JSON.stringify(loaderChunks) },
  });
  await writeWebchatTypes(out);
}

if (require.main === module) {
  const outdir = process.argv[2] ?? 'dist/assets';
  buildWidget(outdir).then(
    () => console.log(`widget built into ${outdir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
