/**
 * Bundles the Conversations SDK from the modern build each Twilio package ships, instead of its
 * `browser` build. Every Twilio package of the SDK publishes the same source twice: `builds/browser.js`
 * (Babel for IE 11: regenerator, class helpers, core-js imports, and a pasted copy of Node's `events`
 * in three of them) and `dist/` (ES2017+ modules, named by the package's `react-native` field, free
 * of platform code: it imports nothing React Native specific). esbuild lowers `dist/` to our
 * browserslist; the polyfills the Babel build carried are added back where core-js-compat says a
 * supported browser still needs them (see core-js-pruning.ts), before the SDK's first line runs.
 *
 * TypeScript's decorator metadata is left out of those builds: each decorated method carries
 * `__metadata("design:type" | "design:paramtypes" | "design:returntype", …)` entries, which tslib's
 * `__metadata` turns into `Reflect.metadata(…)` only when a page has loaded a `Reflect.metadata`
 * polyfill, and which nothing of the SDK reads (its type checks, @twilio/declarative-type-validator,
 * take their rules as arguments); elsewhere they are `undefined`, which `__decorate` skips.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { sdkPolyfills } from './core-js-pruning';

/** The Twilio packages the Conversations SDK is made of (its dependencies that Twilio publishes). */
export const TWILIO_SDK_PACKAGES = [
  '@twilio/conversations',
  'twilio-sync',
  'twilsock',
  '@twilio/notifications',
  '@twilio/mcs-client',
  '@twilio/operation-retrier',
  '@twilio/replay-event-emitter',
  '@twilio/declarative-type-validator',
  '@twilio/deprecation-decorator',
] as const;

const SDK_ENTRY = '@twilio/conversations';

/** One `__metadata("design:…", Type | [Types] | void 0)` entry of a `__decorate([...])` list, with its comma. */
const DESIGN_METADATA = /(?:[\w$]+\.)?__metadata\("design:(?:type|paramtypes|returntype)", (?:[\w.]+|\[[\w., ]*\]|void 0)\),?/g;

/** Where `name`'s modern build starts (its `react-native` field). */
function modernEntry(name: string): string {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = require(manifestPath) as { 'react-native'?: string };
  const entry = manifest['react-native'];
  if (entry === undefined) throw new Error(`twilio-modern-builds: ${name} has no react-native (modern) build`);
  return path.join(path.dirname(manifestPath), entry);
}

export function twilioModernBuilds(browsers: readonly string[]): Plugin {
  const entries = new Map<string, string>(TWILIO_SDK_PACKAGES.map((name) => [name, modernEntry(name)]));
  const sdkEntry = entries.get(SDK_ENTRY) ?? '';
  const packageDirs = TWILIO_SDK_PACKAGES.map((name) => path.dirname(require.resolve(`${name}/package.json`)) + path.sep);
  const polyfills = sdkPolyfills(TWILIO_SDK_PACKAGES, browsers);
  const names = TWILIO_SDK_PACKAGES.map((name) => name.replace('/', '\\/')).join('|');
  return {
    name: 'twilio-modern-builds',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({ path: entries.get(args.path) ?? args.path }));
      build.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
        if (!packageDirs.some((dir) => args.path.startsWith(dir))) return undefined;
        // Imports run in order, so the polyfills are in place before any SDK module evaluates.
        const imports = args.path === sdkEntry ? polyfills.map((name) => `import 'core-js/modules/${name}.js';\n`).join('') : '';
        const source = (await readFile(args.path, 'utf8')).replace(DESIGN_METADATA, '');
        return { contents: imports + source, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
