import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { layer, serverSettings } from '../../widget-src/app/settings/server-settings';

let server: Server | undefined;

/** A deployment whose webchatConfig answers `status` with `body`. */
async function deployment(status: number, body: string): Promise<string> {
  server = createServer((request, response) => {
    if (request.url !== '/webchatConfig') response.writeHead(404).end();
    else response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  server = undefined;
});

describe('the deployment\'s settings under the page\'s config', () => {
  it('lays the page over the deployment key by key, the page winning, lists replaced whole', () => {
    const deployed = { strings: { title: 'Console title', welcome: 'Console text' }, preEngagement: { fields: [{ name: 'a', label: 'A' }] }, locale: 'en-GB' };
    const page = { strings: { title: 'Page title' }, preEngagement: { fields: [{ name: 'b', label: 'B' }] } };
    expect(layer(deployed, page)).toStrictEqual({
      strings: { title: 'Page title', welcome: 'Console text' },
      preEngagement: { fields: [{ name: 'b', label: 'B' }] },
      locale: 'en-GB',
    });
  });

  it('reads the settings the deployment answers', async () => {
    const url = await deployment(200, '{"strings":{"title":"Console title"}}');
    expect(await serverSettings(url)).toStrictEqual({ strings: { title: 'Console title' } });
  });

  it('goes on without settings when the deployment fails or answers something else than an object', async () => {
    expect(await serverSettings(await deployment(500, '{"error":{"code":"CONFIGURATION_ERROR"}}'))).toStrictEqual({});
    await new Promise((resolve) => server?.close(resolve));
    expect(await serverSettings(await deployment(200, '["not", "settings"]'))).toStrictEqual({});
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    expect(await serverSettings('http://127.0.0.1:9')).toStrictEqual({});
  });
});
