/**
 * One HTTP/1.1 exchange through node:http, which (unlike fetch) sends any method token and repeated
 * header lines as given, e.g. two Origin headers.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Readonly<Record<string, string | readonly string[]>>;
  body?: Buffer;
}

export interface RawAnswer {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export function exchange(baseUrl: string, request: RawRequest, agent: Agent): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent,
        headers: { ...request.headers, ...(request.body === undefined ? {} : { 'Content-Length': request.body.length }) },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks).toString('utf8') }));
        answer.once('error', reject);
      },
    );
    // The gateway may answer before reading a refused body; the answer is what counts.
    outgoing.on('error', reject);
    // A hung exchange fails with its request named instead of running into the test's timeout.
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error(`no answer to ${request.method} ${request.path.slice(0, 100)} within 10 s`)));
    outgoing.end(request.body);
  });
}
