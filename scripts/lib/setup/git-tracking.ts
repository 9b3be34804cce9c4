/**
 * Whether git would commit a settings file: its credentials must stay out of version control.
 * Asks git itself (`check-ignore`, `ls-files`), so every .gitignore and exclude file counts.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

/** git's exit code, or null when git is missing or the folder is in no repository. */
function gitStatus(cwd: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd }, (error) => {
      if (error === null) resolve(0);
      else resolve(typeof error.code === 'number' && error.code === 1 ? 1 : null);
    });
  });
}

/** A warning to show when `file` is tracked or not ignored by the repository around it, else null. */
export async function trackingWarning(file: string): Promise<string | null> {
  const cwd = path.dirname(file);
  const name = path.basename(file);
  if ((await gitStatus(cwd, ['ls-files', '--error-unmatch', '--', name])) === 0) {
    return `Warning: ${name} is tracked by git: its credentials are in the repository's history. Run \`git rm --cached ${name}\` and rotate the Auth Token and API key.`;
  }
  if ((await gitStatus(cwd, ['check-ignore', '-q', '--', name])) === 1) {
    return `Warning: ${name} is not ignored by git: \`git add .\` would commit its credentials. Name it .env or .env.<something>, or add it to .gitignore.`;
  }
  return null;
}
