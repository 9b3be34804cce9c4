import { describe, expect, it } from '@jest/globals';
import { handler as webchatConfig } from '../../functions/webchatConfig';
import { ALLOWED_ORIGIN, testEnv } from '../support/fixtures';
import { functionContext, invoke } from '../support/function-runtime';

const context = functionContext(testEnv({ WIDGET_TITLE: 'Talk to us', WIDGET_BRAND_COLOR: '#0a7b3e' }));

describe('webchatConfig (handler in the runtime\'s Response)', () => {
  it('answers the public settings to an allowed page, cached by browsers for a minute', async () => {
    const answer = await invoke(webchatConfig, context, {}, { origin: ALLOWED_ORIGIN });
    expect(answer.status).toBe(200);
    expect(answer.body).toStrictEqual({ strings: { title: 'Talk to us' }, theme: { overrides: { '--twc-brand': '#0a7b3e' } }, availability: { open: true } });
    expect(answer.headers['Access-Control-Allow-Origin']).toBe(ALLOWED_ORIGIN);
    expect(answer.headers['Cache-Control']).toBe('public, max-age=60');
    expect(answer.headers.Vary).toBe('Origin');
  });

  it('answers whether the chat is open, why not and when it opens, from the opening hours', async () => {
    // Every day but a closed one: whatever the test's clock, that day is a day away at most.
    const env = testEnv({ BUSINESS_HOURS: 'UTC; Mon-Sun 00:00-24:00', CHAT_CLOSED: 'true' });
    const closed = await invoke(webchatConfig, functionContext(env), {}, { origin: ALLOWED_ORIGIN });
    expect((closed.body as { availability: unknown }).availability).toStrictEqual({ open: false, reason: 'closed' });
    const today = new Date().toISOString().slice(0, 10);
    const holiday = await invoke(webchatConfig, functionContext(testEnv({ BUSINESS_HOURS: 'UTC', BUSINESS_CLOSED_DATES: today })), {}, { origin: ALLOWED_ORIGIN });
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString();
    expect((holiday.body as { availability: unknown }).availability).toStrictEqual({ open: false, reason: 'holiday', opensAt: tomorrow });
  });

  it('answers the service\'s own pages, which send no Origin on a GET, without a CORS header', async () => {
    const answer = await invoke(webchatConfig, context, {});
    expect(answer.status).toBe(200);
    expect(answer.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('refuses pages outside the allow-list, readably for them (so the widget can say why), and never cached', async () => {
    const answer = await invoke(webchatConfig, context, {}, { origin: 'https://evil.example.com' });
    expect(answer.status).toBe(403);
    expect(answer.body).toStrictEqual({ error: { code: 'ORIGIN_NOT_ALLOWED', message: 'The origin https://evil.example.com is not allowed to use this chat.' } });
    expect([answer.headers['Access-Control-Allow-Origin'], answer.headers['Cache-Control']]).toStrictEqual(['*', 'no-store']);
  });

  it('answers a misconfigured setting with a 500 naming the variable, never cached', async () => {
    const broken = functionContext(testEnv({ WIDGET_BRAND_COLOR: 'green' }));
    const answer = await invoke(webchatConfig, broken, {}, { origin: ALLOWED_ORIGIN });
    expect(answer.status).toBe(500);
    expect(answer.body).toStrictEqual({ error: { code: 'CONFIGURATION_ERROR', message: 'The chat is not configured correctly: WIDGET_BRAND_COLOR must be a colour like #0263e0.' } });
    expect(answer.headers['Cache-Control']).toBe('no-store');
  });
});
