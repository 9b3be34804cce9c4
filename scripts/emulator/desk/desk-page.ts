/**
 * The desk's page as `npm run build` leaves it in dist/desk (scripts/build/build-desk.ts bundles
 * app/ there): the emulator serves those files and never bundles at run time. Files are read on
 * each request, so a rebuild shows on the next reload; when they are missing the page says to build.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/** Where the build writes the desk, from this file's place in the repository. */
export const DESK_BUILD_DIR = path.resolve(__dirname, '../../../dist/desk');

/** Each URL of the page and the built file that answers it. */
export const DESK_PAGE_FILES: Readonly<Record<string, { file: string; contentType: string }>> = {
  '/': { file: 'desk.html', contentType: 'text/html' },
  '/desk.js': { file: 'desk.js', contentType: 'text/javascript' },
  '/desk.css': { file: 'desk.css', contentType: 'text/css' },
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agent desk not built</title></head>
<body><h1>The agent desk is not built</h1>
<p>Run <code>npm run build</code> in the project, then reload this page (<code>npm start</code> builds first).</p>
</body></html>
`;

/**
 * No inline code anywhere: the desk must work under a strict CSP, like the widget. The SDK's
 * WebSocket and the media URLs name the emulator's own URL (`publicUrl`), which is another origin
 * when the page was opened as http://localhost:PORT, so that origin is allowed by name as well.
 */
function pageCsp(publicUrl: string): string {
  const http = new URL(publicUrl).origin;
  const ws = http.replace(/^http/, 'ws');
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' ${http}; connect-src 'self' ${http} ${ws}; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;
}

/** Answers `pathname` from `dir` when it is one of the page's URLs; returns false otherwise. */
export async function serveDeskPage(response: ServerResponse, pathname: string, dir: string, publicUrl: string): Promise<boolean> {
  const entry = DESK_PAGE_FILES[pathname];
  if (entry === undefined) return false;
  const headers = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  const page = pathname === '/' ? { 'Content-Security-Policy': pageCsp(publicUrl), 'X-Frame-Options': 'DENY' } : {};
  let body: string;
  try {
    body = await readFile(path.join(dir, entry.file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const notBuilt = pathname === '/' ? NOT_BUILT_PAGE : `The agent desk is not built: run npm run build (${entry.file} is missing from ${dir}).\n`;
    response.writeHead(503, { 'Content-Type': `${pathname === '/' ? 'text/html' : 'text/plain'}; charset=utf-8`, ...headers, ...page }).end(notBuilt);
    return true;
  }
  response.writeHead(200, { 'Content-Type': `${entry.contentType}; charset=utf-8`, ...headers, ...page }).end(body);
  return true;
}
