import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { WebchatError } from '../../functions/lib/errors';
import { LIMITS } from '../../contract/limits';
import { parsePreEngagement, preEngagementJson, type PreEngagement } from '../../functions/lib/pre-engagement';
import { EXTRA_KEY } from '../../contract/pre-engagement-rules';

// Written out again, not imported: the oracle must not share a mistake with the code under test.
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Outcome of one request: the form, or the 4xx error that names what is wrong. */
function attempt(event: Record<string, unknown>): PreEngagement | WebchatError {
  try {
    return parsePreEngagement(event);
  } catch (error) {
    if (error instanceof WebchatError) return error;
    throw error;
  }
}

const printable = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength }).filter((s) => !CONTROL.test(s) && !/[\r\n\t]/.test(s));
const validForm = fc.record(
  {
    friendlyName: printable(LIMITS.friendlyName).map((s) => s.trim()).filter((s) => s.length <= LIMITS.friendlyName),
    email: fc.emailAddress().filter((e) => e.length <= LIMITS.email && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(e)),
    query: printable(LIMITS.query),
  },
  { requiredKeys: [] },
);
const extraKey = fc.stringMatching(EXTRA_KEY).filter((k) => !['friendlyName', 'email', 'query', 'constructor', 'prototype'].includes(k));

describe('pre-engagement form (properties)', () => {
  test.prop([fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }), fc.jsonValue()])(
    'answers any request with a form or a 400/413 error naming the problem, never anything else',
    (event, formData) => {
      const outcome = attempt({ ...event, formData });
      if (outcome instanceof WebchatError) {
        expect([400, 413]).toContain(outcome.status);
        expect(outcome.message.length).toBeGreaterThan(0);
      } else {
        expect(outcome.friendlyName === null || outcome.friendlyName.length <= LIMITS.friendlyName).toBe(true);
        expect(outcome.query === null || outcome.query.length <= LIMITS.query).toBe(true);
        expect(Object.keys(outcome.extra).length).toBeLessThanOrEqual(LIMITS.extraFields);
        for (const [key, value] of Object.entries(outcome.extra)) {
          expect(key).toMatch(EXTRA_KEY);
          expect(value.length).toBeLessThanOrEqual(LIMITS.extraValue);
        }
      }
    },
  );

  test.prop([validForm, fc.constantFrom('object', 'json-string', 'flattened')])(
    'accepts every form within the limits, however it is encoded, and keeps the values trimmed',
    (form, encoding) => {
      const event =
        encoding === 'object' ? { formData: form }
        : encoding === 'json-string' ? { formData: JSON.stringify(form) }
        : Object.fromEntries(Object.entries(form).map(([key, value]) => [`formData[${key}]`, value]));
      fc.pre(encoding !== 'flattened' || Object.keys(form).length > 0);
      expect(parsePreEngagement(event)).toStrictEqual({
        friendlyName: form.friendlyName?.trim() || null,
        email: form.email?.trim() || null,
        query: form.query?.trim() || null,
        extra: {},
      });
    },
  );

  test.prop([fc.constantFrom('friendlyName', 'query', 'email'), fc.integer({ min: 1, max: 50 })])(
    'refuses a value one or more characters over its limit, naming the field',
    (field, over) => {
      const limit = LIMITS[field];
      const value = field === 'email' ? `${'a'.repeat(limit + over - '@example.com'.length)}@example.com` : 'x'.repeat(limit + over);
      const outcome = attempt({ formData: { [field]: value } });
      expect(outcome).toBeInstanceOf(WebchatError);
      expect((outcome as WebchatError).field).toBe(`formData.${field}`);
    },
  );

  test.prop([fc.string({ minLength: 1, maxLength: 60 })])('accepts only extra field names of letters, digits and _ starting with a letter', (key) => {
    fc.pre(!['friendlyName', 'email', 'query'].includes(key));
    const outcome = attempt({ formData: { [key]: 'value' } });
    if (EXTRA_KEY.test(key) && key !== 'constructor' && key !== 'prototype') expect(outcome).toStrictEqual({ friendlyName: null, email: null, query: null, extra: { [key]: 'value' } });
    else expect((outcome as WebchatError).status).toBe(400);
  });

  test.prop([fc.uniqueArray(extraKey, { minLength: 1, maxLength: LIMITS.extraFields }), printable(LIMITS.extraValue)])(
    'stores the question under query and question, keeps every extra field, and never exceeds the size limit',
    (keys, value) => {
      let form: PreEngagement;
      try {
        form = parsePreEngagement({ formData: { query: 'Where is my order?', ...Object.fromEntries(keys.map((k) => [k, value])) } });
      } catch (error) {
        expect(error).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
        return;
      }
      const json = preEngagementJson(form);
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(LIMITS.preEngagementBytes);
      const stored = JSON.parse(json) as Record<string, unknown>;
      expect([stored.query, stored.question]).toStrictEqual(['Where is my order?', 'Where is my order?']);
      for (const key of keys) expect(stored[key]).toBe(value.trim());
    },
  );
});
