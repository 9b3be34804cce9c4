/**
 * Which core-js polyfills the Conversations SDK needs in our supported browsers, decided by
 * core-js-compat (core-js's own table of which browser needs which module), never by hand.
 *
 * Twilio's browser builds were compiled by Babel with `useBuiltIns: 'usage'`: they import one
 * `core-js/modules/<feature>.js` for every feature the SDK's source touches, for browsers back to
 * IE 11. That list of imports is the SDK's feature usage; core-js-compat narrows it to the modules
 * that some browser in package.json's `browserslist` still lacks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import compat from 'core-js-compat';

const CORE_JS_IMPORT = /require\('core-js\/modules\/([a-z0-9.-]+)\.js'\)/g;

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The core-js modules Babel imported into the browser builds of `packages`. */
export function coreJsModulesUsedBy(packages: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const name of packages) {
    const source = readFileSync(path.join(packageDir(name), 'builds', 'browser.js'), 'utf8');
    for (const match of source.matchAll(CORE_JS_IMPORT)) if (match[1] !== undefined) used.add(match[1]);
  }
  return used;
}

/** Every core-js module some of `browsers` still needs, for the core-js version installed. */
export function requiredCoreJsModules(browsers: readonly string[]): Set<string> {
  const { version } = JSON.parse(readFileSync(path.join(packageDir('core-js'), 'package.json'), 'utf8')) as { version: string };
  return new Set(compat({ targets: browsers, version }).list);
}

/** The polyfills the SDK needs in `browsers`: used by its source and missing in some browser. */
export function sdkPolyfills(packages: readonly string[], browsers: readonly string[]): string[] {
  const required = requiredCoreJsModules(browsers);
  return [...coreJsModulesUsedBy(packages)].filter((name) => required.has(name)).sort();
}
