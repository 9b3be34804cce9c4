import { describe, expect, it } from '@jest/globals';
import { Deadline } from '../../functions/lib/deadline';
import { requestOrigin, requirePostBody } from '../../functions/lib/http-request';
import { parameters, requestHeaders } from '../../functions/lib/runtime';

function refusal(run: () => unknown): { status: number; code: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('what a Function reads from the runtime', () => {
  it('takes the headers the runtime set, and the parameters without them', () => {
    const event = { request: { headers: { origin: 'https://shop.example.com' }, cookies: {} }, formData: {} };
    expect(requestHeaders(event)).toStrictEqual({ origin: 'https://shop.example.com' });
    expect(parameters(event)).toStrictEqual({ formData: {} });
  });

  it.each([
    ['a query string (request[headers][origin]=…)', { headers: { origin: 'https://shop.example.com' } }],
    ['a query string with a method', { headers: { origin: 'https://shop.example.com' }, cookies: {}, method: 'POST' }],
    ['a form with other keys', { headers: { origin: 'x' }, cookies: {}, extra: '1' }],
    ['a JSON body with non-text header values', { headers: { origin: 42 }, cookies: {} }],
    ['headers written in capitals (the runtime lower-cases them)', { headers: { Origin: 'x' }, cookies: {} }],
    ['a plain string', 'origin=https://shop.example.com'],
  ])('refuses a caller-made "request" from %s', (_what, request) => {
    const error = refusal(() => requestHeaders({ request }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/"request"/);
  });

  it('refuses a request without a body as not a POST, with Allow: POST, whatever type it claims', () => {
    expect(refusal(() => requirePostBody({ origin: 'x', 'content-type': 'application/json' })).status).toBe(405);
    expect(refusal(() => requirePostBody({ origin: 'x', 'content-type': 'application/json', 'content-length': '0' })).status).toBe(405);
    const error = refusal(() => requirePostBody({ origin: 'x' })) as { status: number; details?: { allow?: string } };
    expect(error.status).toBe(405);
    expect(error.details?.allow).toBe('POST');
  });

  it('accepts JSON and form bodies, with parameters, and refuses other media types with 415', () => {
    expect(() => requirePostBody({ 'content-type': 'application/json; charset=utf-8', 'content-length': '2' })).not.toThrow();
    expect(() => requirePostBody({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '9' })).not.toThrow();
    expect(refusal(() => requirePostBody({ 'content-type': 'text/plain', 'content-length': '2' })).status).toBe(415);
    expect(refusal(() => requirePostBody({ 'content-length': '12' })).status).toBe(415);
  });

  it('refuses two Origin headers, and reads one however the runtime delivered it', () => {
    expect(requestOrigin({ origin: 'https://a.example' })).toBe('https://a.example');
    expect(requestOrigin({ origin: ['https://a.example'] })).toBe('https://a.example');
    expect(requestOrigin({})).toBe(undefined);
    const error = refusal(() => requestOrigin({ origin: ['https://a.example', 'https://b.example'] }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/2 origin headers/);
  });
});

describe('the time budget of one invocation', () => {
  it('gives each request what is left, at most 6 s, minus what a later step keeps', async () => {
    let now = 0;
    const deadline = Deadline.start(9_000, () => now);
    expect(deadline.requestTimeoutMs()).toBe(6_000);
    now = 5_000;
    expect(deadline.requestTimeoutMs()).toBe(4_000);
    await deadline.keeping(1_500, async () => {
      expect(deadline.requestTimeoutMs()).toBe(2_500);
    });
    expect(deadline.requestTimeoutMs()).toBe(4_000);
  });

  it('fails fast with 504 once no request fits, keeping the time to answer', () => {
    let now = 0;
    const deadline = Deadline.start(9_000, () => now);
    now = 8_900;
    expect(refusal(() => deadline.requestTimeoutMs())).toMatchObject({ status: 504, code: 'TWILIO_TIMEOUT' });
  });
});
