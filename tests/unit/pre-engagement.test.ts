import { describe, expect, it } from '@jest/globals';
import { LIMITS } from '../../contract/limits';
import { parsePreEngagement, preEngagementJson } from '../../functions/lib/pre-engagement';

const valid = { friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Where is my order?' };

function rejects(event: Record<string, unknown>, field: string, message?: RegExp): void {
  expect(() => parsePreEngagement(event)).toThrow(
    expect.objectContaining({ status: 400, field, ...(message ? { message: expect.stringMatching(message) } : {}) }),
  );
}

describe('pre-engagement form', () => {
  it('accepts the original app\'s form and trims every value', () => {
    const form = parsePreEngagement({ formData: { friendlyName: '  Ada Lovelace ', email: ' ada@example.com', query: ' Where is my order?\n' } });
    expect(form).toStrictEqual({ friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Where is my order?', extra: {} });
  });

  it('treats every field as optional and empty values as absent', () => {
    expect(parsePreEngagement({ formData: {} })).toStrictEqual({ friendlyName: null, email: null, query: null, extra: {} });
    expect(parsePreEngagement({ formData: { friendlyName: ' ', email: '', query: '' } })).toStrictEqual({
      friendlyName: null, email: null, query: null, extra: {},
    });
  });

  it('keeps site-specific fields as text', () => {
    const form = parsePreEngagement({ formData: { ...valid, orderNumber: ' A-1234 ', newsletter: true } });
    expect(form.extra).toStrictEqual({ orderNumber: 'A-1234', newsletter: 'true' });
  });

  it('reads a form-encoded body, flattened or as a JSON string', () => {
    const flattened = parsePreEngagement({ 'formData[friendlyName]': 'Ada', 'formData[query]': 'Hi' });
    expect(flattened.friendlyName).toBe('Ada');
    expect(flattened.query).toBe('Hi');
    expect(parsePreEngagement({ formData: JSON.stringify(valid) }).email).toBe('ada@example.com');
  });

  it('accepts the challenge and its solution beside the form (checked elsewhere)', () => {
    expect(parsePreEngagement({ formData: valid, challenge: 'c', solution: '1' }).friendlyName).toBe('Ada Lovelace');
  });

  it('refuses a parameter named request: only the runtime may set the headers', () => {
    expect(() => parsePreEngagement({ formData: valid, request: { headers: {} } })).toThrow(/Unknown parameter "request"/);
  });

  it('refuses a request without a form', () => rejects({}, 'formData', /required/));
  it('refuses a form that is not an object', () => {
    rejects({ formData: ['Ada'] }, 'formData', /JSON object/);
    rejects({ formData: 42 }, 'formData', /JSON object/);
    rejects({ formData: '{broken' }, 'formData', /JSON object/);
  });
  it('refuses unknown top-level parameters', () => {
    expect(() => parsePreEngagement({ formData: valid, admin: 'true' })).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_REQUEST', message: expect.stringMatching(/"admin"/) }));
  });

  it('refuses a name that is too long, not text, or has line breaks', () => {
    rejects({ formData: { ...valid, friendlyName: 'x'.repeat(LIMITS.friendlyName + 1) } }, 'formData.friendlyName', /at most 100/);
    rejects({ formData: { ...valid, friendlyName: 42 } }, 'formData.friendlyName', /must be text/);
    rejects({ formData: { ...valid, friendlyName: 'Ada\nLovelace' } }, 'formData.friendlyName', /control characters/);
  });

  it('accepts a name at exactly the limit', () => {
    expect(parsePreEngagement({ formData: { friendlyName: 'x'.repeat(LIMITS.friendlyName) } }).friendlyName?.length).toBe(LIMITS.friendlyName);
  });

  for (const email of ['ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com', 'ada@@example.com']) {
    it(`refuses the email ${JSON.stringify(email)}`, () => rejects({ formData: { ...valid, email } }, 'formData.email', /name@example.com/));
  }

  it('refuses an email that is too long', () => {
    rejects({ formData: { ...valid, email: `${'a'.repeat(250)}@example.com` } }, 'formData.email', /at most 254/);
  });

  it('refuses a question that is too long or carries control characters, but keeps its line breaks', () => {
    rejects({ formData: { ...valid, query: 'q'.repeat(LIMITS.query + 1) } }, 'formData.query', /at most 2000/);
    rejects({ formData: { ...valid, query: 'bell\u0007' } }, 'formData.query', /control characters/);
    expect(parsePreEngagement({ formData: { ...valid, query: 'line one\nline two' } }).query).toBe('line one\nline two');
  });

  it('refuses extra fields with unusable names or values', () => {
    rejects({ formData: { ...valid, 'order-number': '1' } }, 'formData.order-number', /letters, digits or _/);
    rejects({ formData: { ...valid, __proto__x: '1' } }, 'formData.__proto__x');
    rejects({ formData: { ...valid, note: 'n'.repeat(LIMITS.extraValue + 1) } }, 'formData.note', /at most 500/);
    rejects({ formData: { ...valid, note: { nested: true } } }, 'formData.note', /text or true\/false/);
  });

  it('refuses extra fields named constructor or prototype instead of dropping them', () => {
    rejects({ formData: { ...valid, constructor: 'x' } }, 'formData.constructor', /reserved/);
    rejects({ formData: JSON.stringify({ ...valid, prototype: 'x' }) }, 'formData.prototype', /reserved/);
  });

  it('refuses more than ten extra fields', () => {
    const extra = Object.fromEntries(Array.from({ length: LIMITS.extraFields + 1 }, (_, i) => [`field${i}`, 'x']));
    rejects({ formData: { ...valid, ...extra } }, 'formData', /At most 10 extra fields/);
  });
});

describe('pre-engagement data for Flex', () => {
  it('stores the question under both query and question, without empty fields', () => {
    const json = preEngagementJson({ friendlyName: 'Ada', email: null, query: 'Hi', extra: { plan: 'pro' } });
    expect(JSON.parse(json)).toStrictEqual({ plan: 'pro', friendlyName: 'Ada', query: 'Hi', question: 'Hi' });
  });

  it('refuses data larger than Twilio can store in the attributes with 413, while validating the form', () => {
    const extra = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, '€'.repeat(LIMITS.extraValue)]));
    expect(() => parsePreEngagement({ formData: { friendlyName: 'Ada', query: 'q'.repeat(LIMITS.query), ...extra } })).toThrow(
      expect.objectContaining({ status: 413, code: 'PAYLOAD_TOO_LARGE' }),
    );
  });
});
