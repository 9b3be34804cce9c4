/**
 * What every engine's test set-up shares: a local port nothing listens on, where every request
 * that is not for this machine is sent (so a browser's own update checks, telemetry or a stray
 * font download fail at once, offline), and the folder screenshots land in.
 */
import { createServer } from 'node:net';
import path from 'node:path';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../test-artifacts/screenshots');

/** A free local port, closed again: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no local port');
  return address.port;
}
