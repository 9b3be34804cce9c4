/**
 * Settings files hold credentials: git must ignore every one the README names, and setup must say
 * so when the file it writes would be committed anyway (a name the .gitignore does not cover).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trackingWarning } from '../../scripts/lib/setup/git-tracking';

const ROOT = path.resolve(__dirname, '../..');

describe("the project's secrets files and git", () => {
  let repo: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    git('init', '-q');
    copyFileSync(path.join(ROOT, '.gitignore'), path.join(repo, '.gitignore'));
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('ignores .env and every .env.* file except .env.example', () => {
    for (const name of ['.env', '.env.production', '.env.try', '.env.example']) writeFileSync(path.join(repo, name), 'ACCOUNT_SID=\n');
    git('add', '.');
    expect(git('diff', '--cached', '--name-only').trim().split('\n').sort()).toStrictEqual(['.env.example', '.gitignore']);
  });

  it('warns about a settings file git would commit, and not about an ignored one or one outside any repository', async () => {
    writeFileSync(path.join(repo, 'production.env'), 'ACCOUNT_SID=\n');
    expect(await trackingWarning(path.join(repo, 'production.env'))).toMatch(/production\.env is not ignored by git: `git add \.` would commit its credentials/);
    expect(await trackingWarning(path.join(repo, '.env.production'))).toBeNull();
    const outside = mkdtempSync(path.join(tmpdir(), 'no-repo-'));
    expect(await trackingWarning(path.join(outside, '.env'))).toBeNull();
    rmSync(outside, { recursive: true, force: true });
  });

  it('warns about a file git already tracks, even when its name is ignored', async () => {
    writeFileSync(path.join(repo, '.env.staging'), 'ACCOUNT_SID=\n');
    git('add', '-f', '.env.staging');
    expect(await trackingWarning(path.join(repo, '.env.staging'))).toMatch(/\.env\.staging is tracked by git/);
  });
});
