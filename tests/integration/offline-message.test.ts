/**
 * Closed hours through twilio-run and the emulator: the settings say so, a live start is refused
 * with when it opens (and reaches no Twilio API), and a message left instead reaches Flex as a
 * TaskRouter task carrying every field, once even when the widget retries.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Twilio } from 'twilio';
import { startStack, type TestStack } from '../support/stack';
import { solvedChallengeOverHttp } from '../support/challenge';
import { twilioAt } from '../support/twilio-at-emulator';

const SHOP = 'https://shop.example.com';
const FORM = { friendlyName: 'Ada Lovelace', email: 'ada@example.com', query: 'Can I change my order?\nIt is #1843.' };

describe('a chat outside its opening hours', () => {
  let stack: TestStack;
  let twilio: Twilio;
  beforeAll(async () => {
    // Closed all of today (in UTC), whatever the time the test runs; it opens at midnight.
    stack = await startStack({ BUSINESS_HOURS: 'UTC; Mon-Sun 00:00-24:00', BUSINESS_CLOSED_DATES: new Date().toISOString().slice(0, 10) });
    twilio = twilioAt(stack.emulatorUrl, stack.env.ACCOUNT_SID ?? '', stack.env.AUTH_TOKEN ?? '');
  });
  afterAll(() => stack?.stop());

  const post = async (fn: string, body: object) => {
    const answer = await fetch(`${stack.baseUrl}/${fn}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', Origin: SHOP } });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };
  const tasks = async () => {
    const { taskrouterWorkspaceSid } = await twilio.flexApi.v1.configuration().fetch();
    return twilio.taskrouter.v1.workspaces(taskrouterWorkspaceSid).tasks.list();
  };
  const midnight = () => new Date(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString();

  it('says in its settings that it is closed for the day and opens at midnight', async () => {
    const answer = await fetch(`${stack.baseUrl}/webchatConfig`, { headers: { Origin: SHOP } });
    expect(((await answer.json()) as { availability: unknown }).availability).toStrictEqual({ open: false, reason: 'holiday', opensAt: midnight() });
  });

  it('refuses a live start with 409 and when it opens, before any Twilio call', async () => {
    await stack.emulator.reset();
    const answer = await post('initWebchat', { formData: FORM, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'CHAT_CLOSED', availability: { open: false, reason: 'holiday', opensAt: midnight() } });
    expect(await stack.emulator.twilioCalls()).toStrictEqual([]);
  });

  it('delivers a message left instead to Flex as a task with every field, once across retries', async () => {
    await stack.emulator.reset();
    const startId = 'x'.repeat(8) + 'OfflineMessageRetryKey0123456789';
    const first = await post('offlineMessage', { formData: FORM, locale: 'de-DE', startId, attempt: 1, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
    expect(first).toStrictEqual({ status: 200, body: { received: true } });
    // The widget did not hear the answer and sends the same message again.
    const retry = await post('offlineMessage', { formData: FORM, locale: 'de-DE', startId, attempt: 2, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
    expect(retry).toStrictEqual({ status: 200, body: { received: true } });

    const left = await tasks();
    expect(left).toHaveLength(1);
    const [task] = left;
    expect([task?.taskChannelUniqueName, task?.assignmentStatus, task?.timeout]).toStrictEqual(['default', 'pending', 1_209_600]);
    const attributes = JSON.parse(task?.attributes ?? '{}') as Record<string, unknown>;
    expect(attributes).toMatchObject({
      type: 'offline_message',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      message: 'Can I change my order?\nIt is #1843.',
      locale: 'de-DE',
      origin: SHOP,
      channelType: 'web',
      customers: { name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    expect(Date.parse(String(attributes.received_at))).not.toBeNaN();
    // Only a keyed hash of the browser's secret reaches Twilio.
    expect(task?.attributes).not.toContain(startId);
  });

  it('refuses a message without an address to answer, and creates no task', async () => {
    await stack.emulator.reset();
    const answer = await post('offlineMessage', { formData: { friendlyName: 'Ada', query: 'Hi' }, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'formData.email' });
    expect(await tasks()).toStrictEqual([]);
  });
});
