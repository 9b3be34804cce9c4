/**
 * A deployment at its ceiling of new chats (429 TOO_MANY_CHATS): the visitor is told, in their own
 * language, that chat is busy and when to try again, from the wait the backend's answer carries.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { ApiError } from '../../widget-src/api/api-error';
import { createApi } from '../../widget-src/api/client';
import AR from '../../widget-src/app/i18n/ar';
import DE from '../../widget-src/app/i18n/de';
import { EN } from '../../widget-src/app/i18n/en';
import { setTexts } from '../../widget-src/app/i18n/translate';
import { startErrorMessage } from '../../widget-src/app/store/visitor-texts';

const busy = (seconds: number) => new ApiError(429, 'TOO_MANY_CHATS', 'Many chats are starting right now. Please try again in a moment.', undefined, seconds);

describe('a refused start while chat is busy', () => {
  afterEach(() => setTexts('en', EN));

  test('reads the wait from the backend’s answer', async () => {
    const answer = { error: { code: 'TOO_MANY_CHATS', message: 'Many chats are starting right now.', retryAfterSeconds: 42 } };
    const fetchBusy = async () => new Response(JSON.stringify(answer), { status: 429, headers: { 'Content-Type': 'application/json' } });
    const api = createApi('https://functions.example.test', () => new Promise(() => undefined), fetchBusy);
    const refusal = await api.endChat('token', 'CH00000000000000000000000000000000').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ApiError);
    expect([(refusal as ApiError).code, (refusal as ApiError).retryAfter]).toStrictEqual(['TOO_MANY_CHATS', 42]);
  });

  test('says so in the visitor’s language, with the wait in seconds or minutes', () => {
    expect(startErrorMessage(busy(12))).toBe('Many people are starting chats right now. Please try again in 12 seconds.');
    expect(startErrorMessage(busy(90))).toBe('Many people are starting chats right now. Please try again in 2 minutes.');
    setTexts('de', DE);
    expect(startErrorMessage(busy(30))).toBe('Gerade beginnen viele Menschen einen Chat. Bitte versuchen Sie es in 30 Sekunden erneut.');
    setTexts('ar', AR);
    expect(startErrorMessage(busy(1))).toContain('ثانية');
  });

  test('without a wait in the answer, says a minute', () => {
    expect(startErrorMessage(new ApiError(429, 'TOO_MANY_CHATS', 'busy'))).toBe('Many people are starting chats right now. Please try again in 1 minute.');
  });
});
