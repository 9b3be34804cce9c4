/**
 * The Conversations SDK and its libraries are compiled with Babel's `useBuiltIns: 'usage'`, so they
 * import one `core-js/modules/<feature>.js` per feature they touch, for browsers back to IE 11.
 * core-js-compat (core-js's own table of which browser needs which module) says which of them our
 * supported browsers still need; every other module is loaded as an empty file. Nothing is
 * decided by hand: a module stays when core-js-compat lists it for any supported browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import compat from 'core-js-compat';
import type { Plugin } from 'esbuild';

/** The modules our browsers need, for the core-js version actually installed. */
export function requiredCoreJsModules(browsers: readonly string[]): Set<string> {
  const coreJsPackage = path.join(path.dirname(require.resolve('core-js/package.json')), 'package.json');
  const { version } = JSON.parse(readFileSync(coreJsPackage, 'utf8')) as { version: string };
  return new Set(compat({ targets: browsers, version }).list);
}

/** What the plugin did in one build, for the build report and the benchmark. */
export interface CoreJsPruning {
  kept: Set<string>;
  dropped: Set<string>;
}

/** An esbuild plugin that empties every core-js module the `browsers` do not need. */
export function pruneCoreJs(browsers: readonly string[], record?: CoreJsPruning): Plugin {
  const required = requiredCoreJsModules(browsers);
  return {
    name: 'prune-core-js',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]core-js[\\/]modules[\\/][^\\/]+\.js$/ }, (args) => {
        const name = path.basename(args.path, '.js');
        if (required.has(name)) {
          record?.kept.add(name);
          return undefined;
        }
        record?.dropped.add(name);
        return { contents: '', loader: 'js' };
      });
    },
  };
}
