/**
 * npm (11.16 and later) lists at every install the dependencies whose install scripts the project
 * has not reviewed in package.json's `allowScripts`, and a coming npm will refuse to run them: each
 * one is decided, allowing what the build needs and denying the rest.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;

describe("dependencies' install scripts", () => {
  const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  const allowScripts = (read('package.json').allowScripts ?? {}) as Record<string, boolean>;
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript === true)
    .map(([location]) => location.replace(/^.*node_modules\//, ''));

  it('are each allowed or denied in package.json', () => {
    expect(withScripts.filter((name) => !(name in allowScripts))).toStrictEqual([]);
  });

  it("run for esbuild and swc, whose binaries the build and the tests use, and not for core-js's banner", () => {
    expect([allowScripts.esbuild, allowScripts['@swc/core'], allowScripts['core-js']]).toStrictEqual([true, true, false]);
  });
});
