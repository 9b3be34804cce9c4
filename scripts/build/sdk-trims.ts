/**
 * Trims the SDK's modern build as esbuild loads it, without changing what it runs (see
 * twilio-modern-builds.ts): one copy of each file that several packages vendored, and no
 * decorator type metadata.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

/** Where Twilio's rollup builds put the files they vendor: Node shims under `_virtual/`, helpers under `node_modules/`. */
const VENDORED = /^(_virtual|node_modules)[\\/].*\.js$/;

/**
 * Each vendored file of the `dists` (directories, in order) mapped to the first one with the same
 * code once comments are gone: Node's `events` shim is pasted into three packages and tslib's
 * helpers into six, differing only in their license comments. None of the packages keeps state on
 * the shim's class or checks `instanceof` against it, so one copy serves them all.
 */
export function vendoredCopies(dists: readonly string[]): Map<string, string> {
  const firstWithCode = new Map<string, string>();
  const copies = new Map<string, string>();
  for (const dist of dists) {
    for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
      if (!VENDORED.test(file)) continue;
      const filePath = path.join(dist, file);
      const { code } = transformSync(readFileSync(filePath, 'utf8'), { minify: true, legalComments: 'none', format: 'cjs' });
      const first = firstWithCode.get(code);
      if (first === undefined) firstWithCode.set(code, filePath);
      else copies.set(filePath, first);
    }
  }
  return copies;
}

/**
 * One argument of a `__decorate([...])` list that records a member's TypeScript types for
 * `Reflect.getMetadata` (`emitDecoratorMetadata`), e.g. `tslib_es6.__metadata("design:type", Function),`.
 */
const DESIGN_METADATA = /^[ \t]*(?:tslib_es6\.)?__metadata\("design:(?:type|paramtypes|returntype)", .*\),?\r?\n/gm;

/**
 * `source` without its decorator type metadata: nothing reads it (the SDK never calls
 * `Reflect.getMetadata`, and browsers have no `Reflect.metadata`, so `__metadata` records nothing
 * anyway), yet every decorated method carries it. Throws on a call of another shape, so an SDK
 * upgrade that writes it differently is noticed rather than half trimmed.
 */
export function withoutDesignMetadata(source: string, file: string): string {
  const trimmed = source.replace(DESIGN_METADATA, '');
  if (/__metadata\("/.test(trimmed)) throw new Error(`sdk-trims: ${file} has decorator metadata in a shape this build does not know`);
  return trimmed;
}
