import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOrigin } from '../../functions/lib/origin';

const allowed = ['https://shop.example.com', 'http://localhost:3000'];

describe('origin check', () => {
  it('echoes an allowed origin', () => {
    assert.equal(checkOrigin('https://shop.example.com', allowed), 'https://shop.example.com');
    assert.equal(checkOrigin('http://localhost:3000', allowed), 'http://localhost:3000');
  });

  for (const origin of ['https://evil.example.com', 'http://shop.example.com', 'https://shop.example.com:8443', 'http://localhost:3001', 'null']) {
    it(`refuses ${origin} with 403 ORIGIN_NOT_ALLOWED, naming it`, () => {
      assert.throws(() => checkOrigin(origin, allowed), {
        status: 403,
        code: 'ORIGIN_NOT_ALLOWED',
        message: `The origin ${origin} is not allowed to use this chat.`,
      });
    });
  }

  it('refuses a request without an Origin header', () => {
    assert.throws(() => checkOrigin(undefined, allowed), { status: 403, code: 'ORIGIN_NOT_ALLOWED' });
  });

  it('accepts any origin when the allow-list is "*"', () => {
    assert.equal(checkOrigin('https://anything.example', '*'), 'https://anything.example');
    assert.equal(checkOrigin(undefined, '*'), '*');
  });
});
