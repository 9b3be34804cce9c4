/**
 * Bundles the Conversations SDK from the modern build each Twilio package ships, instead of its
 * `browser` build. Every Twilio package of the SDK publishes the same source twice: `builds/browser.js`
 * (Babel for IE 11: regenerator, class helpers, core-js imports, and a pasted copy of Node's `events`
 * in three of them) and `dist/` (ES2017+ modules, named by the package's `react-native` field, free
 * of platform code: it imports nothing React Native specific). esbuild lowers `dist/` to our
 * browserslist; the polyfills the Babel build carried are added back where core-js-compat says a
 * supported browser still needs them (see core-js-pruning.ts), before the SDK's first line runs.
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
  const polyfills = sdkPolyfills(TWILIO_SDK_PACKAGES, browsers);
  const names = TWILIO_SDK_PACKAGES.map((name) => name.replace('/', '\\/')).join('|');
  return {
    name: 'twilio-modern-builds',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({ path: entries.get(args.path) ?? args.path }));
      build.onLoad({ filter: /[\\/]dist[\\/]index\.js$/ }, async (args) => {
        if (args.path !== sdkEntry) return undefined;
        // Imports run in order, so the polyfills are in place before any SDK module evaluates.
        const imports = polyfills.map((name) => `import 'core-js/modules/${name}.js';\n`).join('');
        return { contents: imports + (await readFile(args.path, 'utf8')), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
