/**
 * For the chat-view chunk: its imports of Preact's runtime, the focus hook and memo become the app
 * chunk's own copies, lent at run time (widget-src/app/app-shared.ts), instead of second copies
 * bundled into it. Preact itself must then never be bundled there: resolving it fails the build.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'app-shared';
const CHUNKS = path.resolve(__dirname, '../../widget-src/common/chunks.ts');

/** Import paths (or, for our own modules, file names) and the key the app lends each under. */
const LENT: ReadonlyArray<[RegExp, string]> = [
  [/^preact\/jsx-runtime$/, 'preact/jsx-runtime'],
  [/^preact\/hooks$/, 'preact/hooks'],
  [/[\\/]use-focus-when-open$/, 'use-focus-when-open'],
  [/[\\/]memo$/, 'memo'],
  // Also `./translate`, from i18n/chat-texts.ts beside it.
  [/[\\/]translate$/, 'translate'],
];

export function appSharedModules(): Plugin {
  return {
    name: 'app-shared-modules',
    setup(build) {
      for (const [filter, key] of LENT) {
        build.onResolve({ filter }, () => ({ path: key, namespace: NAMESPACE }));
      }
      build.onResolve({ filter: /^preact$/ }, (args) => ({
        errors: [{ text: `${args.importer} imports preact at run time: lend what it needs through widget-src/app/app-shared.ts` }],
      }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(CHUNKS)}).lentByApp(${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: path.dirname(CHUNKS),
      }));
    },
  };
}
