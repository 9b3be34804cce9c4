/**
 * The chat store without any UI (tests/support/chat-store-harness.ts): the pre-engagement form:
 * validation, the captcha, starting a chat, skipping the form.
 */
import { describe, expect, test } from '@jest/globals';
import { ApiError } from '../../widget-src/api/api-error';
import { EN } from '../../widget-src/app/i18n/en';
import { flush, harness } from '../support/chat-store-harness';
import { VISITOR } from '../support/fake-chat-transport';

describe('chat store: form', () => {
  test('shows the form and writes nothing to storage before a chat starts', async () => {
    const h = harness();
    await h.store.start();
    expect(h.store.getState().phase).toBe('form');
    h.store.setField('friendlyName', 'Jane');
    expect(h.sessions.writes).toBe(0);
  });

  test('prepares the start challenge as soon as the form shows, and again when it comes back after a refusal', async () => {
    const h = harness();
    expect(h.calls.prepared).toBe(0);
    await h.store.start();
    expect(h.calls.prepared).toBe(1);
    h.api.init = async () => {
      throw new ApiError(429, 'TOO_MANY_CHATS', 'Many chats are starting right now.');
    };
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().formError).toBe('Many people are starting chats right now. Please try again in 1 minute.');
    expect(h.calls.prepared).toBe(2);
  });

  test('refuses invalid input with one message per field and calls no backend', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('email', 'not-an-email');
    expect(await h.store.submit()).toBe(false);
    const { fieldErrors, phase } = h.store.getState();
    expect(phase).toBe('form');
    expect(Object.keys(fieldErrors).sort()).toStrictEqual(['email', 'friendlyName', 'query']);
    expect(fieldErrors.email ?? '').toMatch(/valid email/);
    expect(h.calls.init.length).toBe(0);
  });

  test('with a captcha configured, asks for it before starting, sends its token once, and shows it afresh after use', async () => {
    const h = harness();
    h.captcha = { provider: 'turnstile', siteKey: 'site-key', scriptUrl: 'https://captcha.example/api.js', global: 'turnstile' };
    await h.store.start();
    await flush();
    expect(h.store.getState().captcha).toStrictEqual(h.captcha);
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().formError).toMatch(/not a robot/);
    expect(h.calls.init.length).toBe(0);
    h.api.init = async () => {
      throw new ApiError(403, 'CAPTCHA_FAILED', 'The robot check did not pass. Please try it again.');
    };
    h.store.setCaptchaToken('token-1');
    expect(await h.store.submit()).toBe(false);
    expect(h.calls.captchaTokens).toStrictEqual(['token-1']);
    expect(h.store.getState()).toMatchObject({ captchaToken: null, captchaRound: 1, formError: 'The robot check did not pass. Please try it again.' });
  });

  test('editing a field clears only that field’s error', async () => {
    const h = harness();
    await h.store.start();
    await h.store.submit();
    h.store.setField('friendlyName', 'Jane');
    expect(Object.keys(h.store.getState().fieldErrors).sort()).toStrictEqual(['email', 'query']);
  });

  test('sends trimmed values and saves the session once the chat exists', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('friendlyName', '  Jane ');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', ' I need help ');
    await h.store.submit();
    expect(h.calls.init).toStrictEqual([{ friendlyName: 'Jane', email: 'jane@example.com', query: 'I need help' }]);
    expect(h.sessions.saved?.identity).toBe(VISITOR);
    expect(h.store.getState().phase).toBe('chat');
  });

  test('puts a backend field error next to the field it names', async () => {
    const h = harness();
    h.api.init = async () => {
      throw new ApiError(400, 'INVALID_FIELD', 'That email domain cannot receive mail.', 'email');
    };
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().fieldErrors.email).toBe('That email domain cannot receive mail.');
    expect(h.store.getState().phase).toBe('form');
    expect(h.sessions.saved).toBe(null);
  });

  test('explains a server failure and keeps what the visitor typed', async () => {
    const h = harness();
    h.api.init = async () => {
      throw new ApiError(502, 'TWILIO_ERROR', 'upstream');
    };
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    await h.store.submit();
    const state = h.store.getState();
    expect(state.phase).toBe('form');
    expect(state.formError ?? '').toMatch(/could not be started/);
    expect(state.formValues.query).toBe('Hi');
  });

  test('when the form’s rules cannot be loaded, submitting says so and keeps the form; the next submit loads them again', async () => {
    const h = harness();
    const { startForm } = h;
    h.startForm = () => Promise.reject(new Error('webchat/start-form-X.js could not be loaded'));
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await h.store.submit()).toBe(false);
    expect(h.store.getState().phase).toBe('form');
    expect(h.store.getState().formError).toBe(EN.startError);
    expect(h.calls.init.length).toBe(0);
    h.startForm = startForm;
    expect(await h.store.submit()).toBe(true);
    expect(h.calls.init.length).toBe(1);
  });

  test('a second submit while the rules load starts no second chat', async () => {
    const h = harness();
    await h.store.start();
    h.store.setField('friendlyName', 'Jane');
    h.store.setField('email', 'jane@example.com');
    h.store.setField('query', 'Hi');
    expect(await Promise.all([h.store.submit(), h.store.submit()])).toStrictEqual([true, false]);
    expect(h.calls.init.length).toBe(1);
  });

  test('skips the form for a prefilled visitor when configured', async () => {
    const h = harness({
      preEngagement: { skip: true, prefill: { friendlyName: 'Jane', email: 'jane@example.com', query: 'Order 42' } },
    });
    await h.store.start();
    expect(h.calls.init.length).toBe(1);
    expect(h.store.getState().phase).toBe('chat');
  });

  test('shows the prefilled form when the prefill is not valid', async () => {
    const h = harness({ preEngagement: { skip: true, prefill: { friendlyName: 'Jane' } } });
    await h.store.start();
    expect(h.calls.init.length).toBe(0);
    expect(h.store.getState().phase).toBe('form');
    expect(h.store.getState().formValues.friendlyName).toBe('Jane');
  });
});
