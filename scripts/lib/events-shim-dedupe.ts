/**
 * Three of the SDK's libraries (@twilio/notifications, @twilio/operation-retrier and
 * @twilio/replay-event-emitter) were each built by Rollup with the same copy of Node's `events`
 * module pasted in (rollup-plugin-node-polyfills), so the browser would download it three times.
 * This plugin cuts the pasted copy out of each file and points it at one shared module made from
 * that same text. It only acts when every copy is byte-for-byte the text it shares, so a library
 * upgrade that changes the copy fails the build instead of changing behaviour.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/** The libraries whose browser build carries the pasted `events` module. */
const CARRIERS = ['@twilio/notifications', '@twilio/operation-retrier', '@twilio/replay-event-emitter'];
const SHARED = 'twilio-events-shim';
/** The pasted module starts at `var domain;` and ends with its last function, `unwrapListeners`. */
const START = 'var domain;\n';
const LAST_FUNCTION = 'function unwrapListeners(arr) {';

function carrierFile(name: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), 'builds', 'browser.js');
}

/** Where the pasted `events` module sits in `source`, or null when it is not there. */
function findShim(source: string): { start: number; end: number } | null {
  const start = source.indexOf(START);
  const last = source.indexOf(LAST_FUNCTION, start);
  if (start < 0 || last < 0) return null;
  const end = source.indexOf('\n}\n', last);
  return end < 0 ? null : { start, end: end + 3 };
}

export function dedupeEventsShim(): Plugin {
  return {
    name: 'dedupe-events-shim',
    async setup(build) {
      const files = new Map(CARRIERS.map((name) => [path.resolve(carrierFile(name)), name]));
      const copies = await Promise.all(
        [...files].map(async ([file, name]) => {
          const source = await readFile(file, 'utf8');
          const found = findShim(source);
          if (found === null) throw new Error(`dedupe-events-shim: no pasted events module in ${name}; update scripts/lib/events-shim-dedupe.ts`);
          return source.slice(found.start, found.end);
        }),
      );
      const [shared] = copies;
      if (shared === undefined || copies.some((copy) => copy !== shared)) {
        throw new Error(`dedupe-events-shim: the pasted events modules in ${CARRIERS.join(', ')} differ; update scripts/lib/events-shim-dedupe.ts`);
      }

      build.onResolve({ filter: new RegExp(`^${SHARED}$`) }, () => ({ path: SHARED, namespace: SHARED }));
      build.onLoad({ filter: /.*/, namespace: SHARED }, () => ({ contents: `${shared}\nexport { EventEmitter };\n`, loader: 'js' }));
      build.onLoad({ filter: /[\\/]builds[\\/]browser\.js$/ }, async (args) => {
        if (!files.has(path.resolve(args.path))) return undefined;
        const source = await readFile(args.path, 'utf8');
        const found = findShim(source);
        if (found === null) return undefined;
        const contents = `${source.slice(0, found.start)}var EventEmitter = require('${SHARED}').EventEmitter;\n${source.slice(found.end)}`;
        return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
