/**
 * The tree's architecture, checked: the widget, the Functions and the emulator import nothing from
 * each other (what they agree on lives in contract/), no source file grows past 300 lines, and
 * comments point to code or docs rather than to issue numbers a reader cannot follow.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['contract', 'functions', 'widget-src', 'scripts', 'tests'];
const SOURCE = /\.(ts|tsx|cjs|mjs|js|css|html)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : filesUnder(relative);
    return SOURCE.test(entry.name) ? [relative] : [];
  });
}

const files = SOURCE_DIRS.flatMap(filesUnder);

/** Every relative module a file imports, as a path from the root. */
function relativeImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)));
}

/** What each part may import besides itself. */
const PARTS: ReadonlyArray<{ part: string; owns: (file: string) => boolean; mayImport: readonly string[] }> = [
  { part: 'contract', owns: (file) => file.startsWith('contract/'), mayImport: ['contract/'] },
  { part: 'functions', owns: (file) => file.startsWith('functions/'), mayImport: ['functions/', 'contract/'] },
  { part: 'widget', owns: (file) => file.startsWith('widget-src/'), mayImport: ['widget-src/', 'contract/'] },
  { part: 'emulator', owns: (file) => file.startsWith('scripts/emulator/'), mayImport: ['scripts/emulator/', 'contract/'] },
  {
    part: 'tools (setup, deploy, the local stack)',
    owns: (file) => file.startsWith('scripts/') && !/^scripts\/(emulator\/|build|bench)/.test(file),
    mayImport: ['scripts/', 'contract/'],
  },
];

describe('the architecture', () => {
  test('the parts import only themselves and contract/ (build and bench scripts import what they build)', () => {
    const crossings = PARTS.flatMap(({ part, owns, mayImport }) =>
      files
        .filter(owns)
        .flatMap((file) =>
          relativeImports(file)
            .filter((target) => !mayImport.some((prefix) => target.startsWith(prefix)))
            .map((target) => `${part}: ${file} imports ${target}`),
        ),
    );
    expect(crossings).toStrictEqual([]);
  });

  test('contract/ depends on no package, so the browser and Node can both import it', () => {
    const packages = files
      .filter((file) => file.startsWith('contract/'))
      .flatMap((file) => [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/\bfrom\s*['"]([^.][^'"]*)['"]/g)].map((match) => `${file}: ${match[1]}`));
    expect(packages).toStrictEqual([]);
  });

  test('the emulator server neither bundles (esbuild) nor reads the widget at run time', () => {
    const offenders = files
      .filter((file) => file.startsWith('scripts/emulator/') && !file.startsWith('scripts/emulator/desk/app/'))
      .filter((file) => /from\s*['"]esbuild['"]|widget-src/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toStrictEqual([]);
  });

  test('no source file is longer than 300 lines', () => {
    const long = files
      .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 300)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toStrictEqual([]);
  });

  test('comments cite code or docs, never issue numbers', () => {
    const citing = files.filter((file) => /\bissues?\s*#?\d+\b/i.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(citing).toStrictEqual([]);
  });
});
