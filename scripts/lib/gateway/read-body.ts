import type { IncomingMessage } from 'node:http';

/**
 * The request body, or `undefined` once it grows past `limit` bytes. The rest is read and dropped
 * rather than the stream destroyed, so the caller still gets the answer on an open connection.
 */
export function readBodyWithin(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(request.headers['content-length'] ?? 0) > limit ? Infinity : 0;
    if (size > limit) resolve(undefined);
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    request.once('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

/** Whether a request carries a body at all (RFC 9112 section 6.3: a length or a transfer coding). */
export function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}
