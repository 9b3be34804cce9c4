/**
 * For the chunks the app loads that render or translate (chat view, start form): their imports of
 * Preact's runtime, the focus hook, memo and `t` become the app chunk's own copies, lent at run time
 * (widget-src/app/app-shared.ts), instead of second copies bundled into them. Preact itself must
 * then never be bundled there: resolving it fails the build.
 */
import path from 'node:path';
import type { Plugin } from 'esbuild';
import type { AppShared } from '../../widget-src/app/app-shared';

const NAMESPACE = 'app-shared';
const CHUNKS = path.resolve(__dirname, '../../widget-src/common/chunks.ts');

/** Import paths (or, for our own modules, file names) and the key the app lends each under. */
const LENT: ReadonlyArray<[RegExp, keyof AppShared]> = [
  [/^preact\/jsx-runtime$/, 'preact/jsx-runtime'],
  [/^preact\/hooks$/, 'preact/hooks'],
  [/[\\/]use-focus-when-open$/, 'use-focus-when-open'],
  [/[\\/]memo$/, 'memo'],
  // Also `./translate`, from i18n/chat-texts.ts beside it.
  [/[\\/]translate$/, 'translate'],
];

/**
 * The names each lent module offers, as named exports: an import of any other name fails the
 * build, and the chunk bundles only the registry's lookup rather than all of common/chunks.ts
 * behind CommonJS glue (800 bytes gzip of the chat view).
 */
const NAMES: { readonly [K in keyof AppShared]: ReadonlyArray<keyof AppShared[K]> } = {
  'preact/jsx-runtime': ['Fragment', 'jsx', 'jsxs'],
  'preact/hooks': ['useCallback', 'useEffect', 'useLayoutEffect', 'useRef', 'useState'],
  'use-focus-when-open': ['useFocusWhenOpen'],
  memo: ['memo'],
  translate: ['addEnglish', 't', 'textLocale'],
};

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
        contents: `import { lentByApp } from ${JSON.stringify(CHUNKS)};\nexport const { ${NAMES[args.path as keyof AppShared].join(', ')} } = lentByApp(${JSON.stringify(args.path)});`,
        loader: 'js',
        resolveDir: path.dirname(CHUNKS),
      }));
    },
  };
}
