/**
 * Which core-js polyfills the Conversations SDK needs in our supported browsers, decided by
 * core-js-compat (core-js's own table of which browser needs which module), never by hand.
 *
 * Twilio's browser builds were compiled by Babel with `useBuiltIns: 'usage'`: they import one
 * `core-js/modules/<feature>.js` for every feature the SDK's source touches, for browsers back to
 * IE 11. That list of imports is the SDK's feature usage; core-js-compat narrows it to the modules
 * that some browser in package.json's `browserslist` still lacks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import compat from 'core-js-compat';

const CORE_JS_IMPORT = /require\('core-js\/modules\/([a-z0-9.-]+)\.js'\)/g;

/**
 * Modules core-js-compat still lists for our browsers only for a corner case of the feature that
 * the SDK never reaches, so they would replace a native built-in on the host page for nothing
 * (8 KB gzip for these two). Each names its corner and the source text that would reach it: the
 * build fails when the SDK's modern build shows that text, so an SDK upgrade decides again.
 */
const UNREACHED_CORNERS: Readonly<Record<string, { corner: string; reachedBy: RegExp }>> = {
  // Forced only by `!NATIVE_RAW_JSON` there (core-js/modules/es.json.stringify.js); well-formed
  // output and symbol handling are native in all of them.
  'es.json.stringify': {
    corner: 'raw JSON values (https://github.com/tc39/proposal-json-parse-with-source; Firefox < 135, Safari < 18.4), which only JSON.rawJSON makes',
    reachedBy: /\brawJSON\b/,
  },
  // Forced by `[, 1].includes(undefined, 1)` (core-js/modules/es.array.includes.js): a hole searched from an index.
  'es.array.includes': {
    corner: 'holes searched from an index (Safari), which needs a second argument',
    reachedBy: /\.includes\([^()]*(\([^()]*\)[^()]*)*,/,
  },
};

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

/** The JavaScript of the modern builds (`dist/`) of `packages`, the code that is bundled. */
function modernSources(packages: readonly string[]): string[] {
  return packages.flatMap((name) => {
    const dist = path.join(packageDir(name), 'dist');
    return readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(dist, file), 'utf8'));
  });
}

/** Whether the SDK's source could reach the corner `module` is listed for; throws when it shows that it does. */
function cornerUnreached(module: string, sources: readonly string[]): boolean {
  const unreached = UNREACHED_CORNERS[module];
  if (unreached === undefined) return false;
  if (sources.some((source) => unreached.reachedBy.test(source))) {
    throw new Error(`core-js-pruning: the SDK's source now matches ${unreached.reachedBy}, so it may reach ${unreached.corner}: check it and drop '${module}' from UNREACHED_CORNERS if so`);
  }
  return true;
}

/** The polyfills the SDK needs in `browsers`: used by its source, missing in some browser, for a case the SDK reaches. */
export function sdkPolyfills(packages: readonly string[], browsers: readonly string[]): string[] {
  const required = requiredCoreJsModules(browsers);
  const sources = modernSources(packages);
  return [...coreJsModulesUsedBy(packages)].filter((name) => required.has(name) && !cornerUnreached(name, sources)).sort();
}
