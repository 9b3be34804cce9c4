/**
 * A stand-in host site for the benchmark on 127.0.0.1: the built widget files plus one page with
 * the widget and the same page without it, so the two differ only by the loader's script tag.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const CONTENT = `<header><h1>Garden supplies, delivered</h1></header>
<main><p>${'Seeds, tools and soil for every season, with free delivery on orders over fifty euros. '.repeat(12)}</p>
<ul>${Array.from({ length: 30 }, (_, i) => `<li>Product ${i + 1}: a short description of what it is for.</li>`).join('')}</ul></main>`;

function page(withWidget: boolean): string {
  const script = withWidget ? '<script src="/webchat.js" async></script>' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench shop</title>${script}</head><body>${CONTENT}</body></html>`;
}

export interface StaticSite {
  /** The page with the widget. */
  withWidget: string;
  /** The same page without it. */
  withoutWidget: string;
  close(): Promise<void>;
}

/** Serves `assetsDir` (a widget build) and the two host pages. */
export async function serveStaticSite(assetsDir: string): Promise<StaticSite> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://bench.invalid').pathname;
    if (pathname === '/with' || pathname === '/without') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page(pathname === '/with'));
      return;
    }
    const file = path.join(assetsDir, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    readFile(file).then(
      (body) => response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    withWidget: `${origin}/with`,
    withoutWidget: `${origin}/without`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
