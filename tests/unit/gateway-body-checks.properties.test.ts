import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { checkFunctionRequestBody } from '../../scripts/lib/gateway/function-request';
import { GatewayRefusal } from '../../scripts/lib/gateway/gateway-error';
import { jsonDepth } from '../../scripts/lib/gateway/json-depth';
import { MAX_JSON_DEPTH } from '../../scripts/lib/gateway/limits';

/** Nesting of a parsed value: what the gateway's scan of the text must agree with. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

function refusalCode(contentType: string, body: string): string | undefined {
  try {
    checkFunctionRequestBody(contentType, Buffer.from(body));
    return undefined;
  } catch (error) {
    if (error instanceof GatewayRefusal) return error.code;
    throw error;
  }
}

describe('the gateway reading a JSON body', () => {
  // Strings full of brackets, quotes and escapes must not count as nesting.
  const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a') });
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, tricky, fc.jsonValue({ maxDepth: 0 }), fc.array(tie('node')), fc.dictionary(tricky, tie('node'))),
  })).node;

  test.prop([value])('counts the nesting of any JSON text exactly as parsing it would', (parsed) => {
    expect(jsonDepth(JSON.stringify(parsed))).toBe(depthOf(parsed));
  });

  test.prop([fc.integer({ min: 1, max: 3 * MAX_JSON_DEPTH }), fc.boolean()])('refuses nesting past the bound and only that', (levels, objects) => {
    const text = objects ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}` : `${'['.repeat(levels)}${']'.repeat(levels)}`;
    expect(refusalCode('application/json', text)).toBe(levels > MAX_JSON_DEPTH ? 'JSON_TOO_DEEP' : undefined);
  });

  test.prop([fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()])('refuses a top-level parameter named request whatever else the body holds', (parameters, request) => {
    expect(refusalCode('application/json', JSON.stringify({ ...parameters, request }))).toBe('RESERVED_PARAMETER');
  });
});
