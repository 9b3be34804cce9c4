/** Requests to twilio-run behind the gateway, with the caller's headers as sent (repeats included). */
import { Agent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';

// Headers about one hop's connection (RFC 9110 section 7.6.1), which Node sets for each side.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect']);

/**
 * Raw header pairs by name; a header sent twice (two Origin lines) stays two values. A request's
 * Content-Length goes too: the gateway sends the body it read with its own.
 */
export function endToEndHeaders(rawHeaders: readonly string[], keepLength = false): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    const value = rawHeaders[index + 1] ?? '';
    if (HOP_BY_HOP.has(name.toLowerCase()) || (!keepLength && name.toLowerCase() === 'content-length')) continue;
    const key = Object.keys(headers).find((known) => known.toLowerCase() === name.toLowerCase()) ?? name;
    const previous = headers[key];
    headers[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return headers;
}

export interface Upstream {
  port: number;
  agent: Agent;
}

/** One request to twilio-run; a body (possibly empty) is sent with its length, none is sent without. */
export function requestUpstream(upstream: Upstream, method: string, url: string, headers: OutgoingHttpHeaders, body?: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({
      host: '127.0.0.1',
      port: upstream.port,
      method,
      path: url,
      agent: upstream.agent,
      headers: body === undefined ? headers : { ...headers, 'Content-Length': body.length },
    });
    outgoing.once('response', resolve);
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

export async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Headers that tell a caller only what serves the answer (Express's banner), which is nobody's business. */
const SERVER_BANNERS = new Set(['x-powered-by']);

/** The upstream answer's headers for the caller, its length included (a HEAD answer has only that). */
export function answerHeaders(answer: IncomingMessage): OutgoingHttpHeaders {
  const headers = endToEndHeaders(answer.rawHeaders, true);
  for (const name of Object.keys(headers)) if (SERVER_BANNERS.has(name.toLowerCase())) delete headers[name];
  return headers;
}
