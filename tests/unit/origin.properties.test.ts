import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { WebchatError } from '../../functions/lib/errors';
import { checkOrigin } from '../../functions/lib/origin';

const origin = fc.webUrl({ withQueryParameters: false, withFragments: false }).map((url) => new URL(url).origin);
const allowList = fc.uniqueArray(origin, { minLength: 1, maxLength: 5 });

/** Variants of an allowed origin that a browser would report for a different site. */
const lookalike = (allowed: string) =>
  fc.constantFrom(
    allowed.toUpperCase(),
    `${allowed}/`,
    `${allowed}.evil.example`,
    `${allowed}:8443`,
    allowed.replace(/^https?:/, (scheme) => (scheme === 'https:' ? 'http:' : 'https:')),
    ` ${allowed}`,
    allowed.slice(0, -1),
  );

function refusal(run: () => unknown): WebchatError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebchatError) return error;
    throw error;
  }
  throw new Error('the origin was accepted');
}

describe('origin check (properties)', () => {
  test.prop([allowList, fc.nat()])('echoes every origin on the allow-list exactly', (allowed, pick) => {
    const chosen = allowed[pick % allowed.length] ?? '';
    expect(checkOrigin(chosen, allowed)).toBe(chosen);
  });

  test.prop([allowList, fc.option(fc.string(), { nil: undefined })])('refuses anything not on the list with 403 ORIGIN_NOT_ALLOWED', (allowed, candidate) => {
    fc.pre(candidate === undefined || !allowed.includes(candidate));
    const error = refusal(() => checkOrigin(candidate, allowed));
    expect([error.status, error.code]).toStrictEqual([403, 'ORIGIN_NOT_ALLOWED']);
  });

  test.prop([allowList.chain((allowed) => fc.tuple(fc.constant(allowed), lookalike(allowed[0] ?? '')))])(
    'refuses look-alikes of an allowed origin: other case, scheme, port, path or suffix',
    ([allowed, candidate]) => {
      fc.pre(!allowed.includes(candidate));
      expect(refusal(() => checkOrigin(candidate, allowed)).status).toBe(403);
    },
  );

  test.prop([fc.string()])('accepts any origin when the allow-list is "*"', (candidate) => {
    expect(checkOrigin(candidate === '' ? undefined : candidate, '*')).toBe(candidate === '' ? '*' : candidate);
  });
});
