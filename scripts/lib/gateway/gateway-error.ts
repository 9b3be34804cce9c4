import type { ServerResponse } from 'node:http';

/** A request the gateway refuses, answered as the Functions answer errors: `{error: {code, message}}`. */
export class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GatewayRefusal';
  }
}

export function errorBody(code: string, message: string, field?: string): string {
  return JSON.stringify({ error: { code, message, ...(field === undefined ? {} : { field }) } });
}

/** Answers JSON, and closes the connection when the request body was not read to its end. */
export function sendRefusal(response: ServerResponse, refusal: GatewayRefusal, closeConnection = false): void {
  const body = errorBody(refusal.code, refusal.message, refusal.field);
  response.writeHead(refusal.status, {
    ...refusal.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(closeConnection ? { Connection: 'close' } : {}),
  });
  response.end(body);
}
