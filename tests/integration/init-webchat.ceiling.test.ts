/**
 * The deployment's ceiling on new chats against a flood: refusals never count, no 60 seconds admit
 * more than MAX_NEW_CHATS_PER_MINUTE, a known-full window costs Sync nothing, and with a captcha a
 * visitor who passes it still starts a chat. Each test uses a ceiling of its own: a warm instance
 * (this process) remembers a full window, as it would on Twilio.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startTestBackend, type TestBackend } from '../support/backend';
import { captureConsole } from '../support/console-capture';
import { functionContext } from '../support/function-runtime';
import { form, fromShop, startIn } from '../support/init-webchat';

/** Moves only Date (the Functions and the in-process emulator both read it); timers stay real. */
function useDateAt(time: number): (seconds: number) => void {
  jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
  jest.setSystemTime(time);
  return (seconds) => jest.setSystemTime(Date.now() + seconds * 1000);
}

describe('initWebchat\'s ceiling under a flood (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.emulator.reset());
  afterEach(() => {
    jest.useRealTimers();
  });

  const withCeiling = (ceiling: number, extra: Record<string, string> = {}) =>
    functionContext({ ...backend.env, MAX_NEW_CHATS_PER_MINUTE: String(ceiling), ...extra });
  const syncCalls = async () => (await backend.emulator.twilioCalls()).filter((call) => call.path.startsWith('/v1/Services/default/')).length;
  const creates = async () => (await backend.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats').length;

  it('counts no start that a check refuses: oversized forms, forged challenges, other pages', async () => {
    const context = withCeiling(2);
    const oversized = { ...form, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, 'ü'.repeat(500)])) };
    for (let i = 0; i < 10; i += 1) expect((await startIn(context, { formData: oversized }, fromShop)).status).toBe(413);
    expect((await startIn(context, { formData: form, challenge: 'e30.c2ln', solution: '0,0,0,0,0,0,0,0' }, fromShop)).status).toBe(400);
    expect((await startIn(context, { formData: form }, { ...fromShop, origin: 'https://evil.example.com' })).status).toBe(403);
    expect(await syncCalls()).toBe(0);
    const statuses = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await startIn(context, { formData: form }, fromShop)).status);
    expect(statuses).toStrictEqual([200, 200]);
  });

  it('never admits more than the ceiling in any 60 seconds, across a clock minute\'s boundary too', async () => {
    const context = withCeiling(3);
    const advance = useDateAt(Date.UTC(2027, 0, 4, 12, 0, 30));
    for (let i = 0; i < 3; i += 1) expect((await startIn(context, { formData: form }, fromShop)).status).toBe(200);
    advance(35); // 12:01:05, a new clock minute, 35 s after those three
    const refused = await startIn(context, { formData: form }, fromShop);
    const { code, retryAfterSeconds } = refused.body.error as { code: string; retryAfterSeconds?: number };
    // The body carries the wait too: a page's script cannot read Retry-After across origins.
    expect([refused.status, code, refused.headers['Retry-After'], retryAfterSeconds]).toStrictEqual([429, 'TOO_MANY_CHATS', '25', 25]);
    advance(25); // 12:01:30: the first three are 60 s old
    for (let i = 0; i < 3; i += 1) expect((await startIn(context, { formData: form }, fromShop)).status).toBe(200);
    expect((await startIn(context, { formData: form }, fromShop)).status).toBe(429);
    expect(await creates()).toBe(6);
  });

  it('refuses with no Sync call once this instance knows the window is full', async () => {
    const context = withCeiling(4);
    for (let i = 0; i < 4; i += 1) await startIn(context, { formData: form }, fromShop);
    expect((await startIn(context, { formData: form }, fromShop)).status).toBe(429);
    const before = await syncCalls();
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 10; i += 1) expect((await startIn(context, { formData: form }, fromShop)).status).toBe(429);
    expect(await syncCalls()).toBe(before);
  });

  it('logs a flood once a minute, with counts and what to do, never a line per refusal', async () => {
    const context = withCeiling(5);
    const advance = useDateAt(Date.UTC(2027, 0, 5, 9, 0, 0));
    for (let i = 0; i < 5; i += 1) await startIn(context, { formData: form }, fromShop);
    const { output } = await captureConsole(async () => {
      for (let i = 0; i < 20; i += 1) await startIn(context, { formData: form }, fromShop);
      advance(61);
      for (let i = 0; i < 6; i += 1) await startIn(context, { formData: form }, fromShop);
      for (let i = 0; i < 10; i += 1) await startIn(context, { formData: form }, fromShop);
    });
    const reports = output.split('\n').filter((line) => line.includes('refused by MAX_NEW_CHATS_PER_MINUTE'));
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatch(/"refused":\d+,"admitted":5,"sinceSeconds":61,"ceilingPerMinute":5,"advice":"set CAPTCHA_PROVIDER/);
  });

  describe('with a captcha configured (the emulator stands in for the provider)', () => {
    const captcha = { CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'site-key', CAPTCHA_SECRET_KEY: 'secret-key' };
    const solvedCaptcha = () => `emulated-captcha.${Buffer.from('shop.example.com').toString('base64')}.${Math.random().toString(36).slice(2)}`;

    it('asks for the captcha only once the proof of work\'s allowance is used up, then admits from the captcha\'s own', async () => {
      const context = withCeiling(6, captcha);
      for (let i = 0; i < 6; i += 1) expect((await startIn(context, { formData: form }, fromShop)).status).toBe(200);
      const refused = await startIn(context, { formData: form }, fromShop);
      expect([refused.status, refused.body.error]).toMatchObject([429, { code: 'CAPTCHA_REQUIRED', field: 'captchaToken' }]);
      expect((await startIn(context, { formData: form, captchaToken: solvedCaptcha() }, fromShop)).status).toBe(200);
      expect(await creates()).toBe(7);
    });

    it('lets a visitor who passes the captcha start a chat in at least 9 of 10 tries while 8 bots flood with solved challenges', async () => {
      const context = withCeiling(10, captcha);
      const bot = () => startIn(context, { formData: { friendlyName: 'Bot', query: 'spam' } }, fromShop);
      const visitor: number[] = [];
      const flood: number[] = [];
      // Ten rounds, each the visitor's try at once with eight bots' starts: bounded, and every try contends.
      for (let round = 0; round < 10; round += 1) {
        const [mine, ...bots] = await Promise.all([startIn(context, { formData: form, captchaToken: solvedCaptcha() }, fromShop), ...Array.from({ length: 8 }, bot)]);
        visitor.push(mine.status);
        flood.push(...bots.map((answer) => answer.status));
      }
      expect(visitor.filter((status) => status === 200).length).toBeGreaterThanOrEqual(9);
      expect(flood.filter((status) => status === 200).length).toBeLessThanOrEqual(10);
      expect(flood.every((status) => status === 200 || status === 429)).toBe(true);
    });
  });
});
