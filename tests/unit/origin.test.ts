import { describe, expect, it } from '@jest/globals';
import { checkOrigin } from '../../functions/lib/origin';

const allowed = ['https://shop.example.com', 'http://localhost:3000'];

describe('origin check', () => {
  it('echoes an allowed origin', () => {
    expect(checkOrigin('https://shop.example.com', allowed)).toBe('https://shop.example.com');
    expect(checkOrigin('http://localhost:3000', allowed)).toBe('http://localhost:3000');
  });

  for (const origin of ['https://evil.example.com', 'http://shop.example.com', 'https://shop.example.com:8443', 'http://localhost:3001', 'null']) {
    it(`refuses ${origin} with 403 ORIGIN_NOT_ALLOWED, naming it`, () => {
      expect(() => checkOrigin(origin, allowed)).toThrow(expect.objectContaining({ status: 403, code: 'ORIGIN_NOT_ALLOWED', message: `The origin ${origin} is not allowed to use this chat.` }));
    });
  }

  it('refuses a request without an Origin header', () => {
    expect(() => checkOrigin(undefined, allowed)).toThrow(expect.objectContaining({ status: 403, code: 'ORIGIN_NOT_ALLOWED' }));
  });

  it('accepts any origin when the allow-list is "*"', () => {
    expect(checkOrigin('https://anything.example', '*')).toBe('https://anything.example');
    expect(checkOrigin(undefined, '*')).toBe('*');
  });
});
