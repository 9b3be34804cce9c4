import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The URL paths of the Functions in a built functions folder, by Twilio's rule: a file's path below the
 * folder without `.js` and without its `.protected`/`.private` visibility suffix
 * (https://www.twilio.com/docs/serverless/functions-assets/visibility). Read from the build, so a new
 * Function is guarded the moment it exists.
 */
export async function functionPaths(functionsDir: string): Promise<ReadonlySet<string>> {
  const entries = await readdir(functionsDir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.relative(functionsDir, path.join(entry.parentPath, entry.name)))
    .map((file) => `/${file.split(path.sep).join('/').replace(/(\.protected|\.private)?\.js$/, '')}`);
  return new Set(paths);
}
