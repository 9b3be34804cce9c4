/** Twilio's `attributes` are read without trusting them: only a JSON object counts. */
import { describe, expect, test } from '@jest/globals';
import { attributesObject, preEngagementData } from '../../functions/lib/attributes';

describe('reading attributes', () => {
  test('a JSON object reads as itself; anything else as empty', () => {
    expect(attributesObject('{"a":1}')).toStrictEqual({ a: 1 });
    for (const text of ['', 'not json', '[1,2]', 'null', '"text"', '42', undefined]) expect(attributesObject(text)).toStrictEqual({});
  });

  test('the pre-engagement form reads alike whether Flex kept it as an object or as JSON text', () => {
    const form = { email: 'ada@example.com' };
    expect(preEngagementData(JSON.stringify({ pre_engagement_data: form }))).toStrictEqual(form);
    expect(preEngagementData(JSON.stringify({ pre_engagement_data: JSON.stringify(form) }))).toStrictEqual(form);
    expect(preEngagementData(JSON.stringify({ pre_engagement_data: 'broken {' }))).toStrictEqual({});
    expect(preEngagementData('{}')).toStrictEqual({});
  });
});
