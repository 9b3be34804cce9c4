/**
 * A stand-in for a customer's website in browser tests: serves host pages, on an origin of its
 * own, with the headers a test chooses (e.g. a strict Content-Security-Policy). Pages embed the
 * widget from the stack's origin, cross-origin as on a real site.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  body: string;
  headers?: Record<string, string>;
}

export interface HostServer {
  origin: string;
  /** Serves `page` at `/<name>`. */
  setPage(name: string, page: HostPage): string;
  stop(): Promise<void>;
}

export async function startHostServer(): Promise<HostServer> {
  const pages = new Map<string, HostPage>();
  const server = createServer((request, response) => {
    const page = pages.get(new URL(request.url ?? '/', 'http://host.invalid').pathname);
    if (page === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    setPage(name, page) {
      pages.set(`/${name}`, page);
      return `${origin}/${name}`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
