/**
 * A stand-in host site for the benchmark on 127.0.0.1: the built widget files, the host pages'
 * files (host-pages.ts), and each page at `/<page>/none` (without the widget) and
 * `/<page>/<embed>` (with it, embedded that way), so the two differ only by the tag.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EMBEDS, PAGES, hostAssets, hostPage, type Embed, type HostPage } from './host-pages';

export interface StaticSite {
  /** The URL of `page` without the widget (`embed` null) or with it. */
  url(page: HostPage, embed: Embed | null): string;
  close(): Promise<void>;
}

const isPage = (name: string | undefined): name is HostPage => (PAGES as readonly string[]).includes(name ?? '');
const isEmbed = (name: string | undefined): name is Embed => name !== undefined && name in EMBEDS;

/** Serves `assetsDir` (a widget build) and the host pages. */
export async function serveStaticSite(assetsDir: string): Promise<StaticSite> {
  const assets = hostAssets();
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://bench.invalid').pathname;
    const [, page, embed] = pathname.split('/');
    if (pathname === '/collect') {
      // The tags' beacons.
      request.resume();
      response.writeHead(204).end();
      return;
    }
    if (isPage(page) && (embed === 'none' || isEmbed(embed))) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(hostPage(page, embed === 'none' ? null : embed));
      return;
    }
    const asset = assets.get(pathname);
    if (asset !== undefined) {
      response.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-store' }).end(asset.body);
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
    url: (page, embed) => `${origin}/${page}/${embed ?? 'none'}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
