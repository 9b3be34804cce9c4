/**
 * The start key lets a widget's retry carry on with the chat an earlier attempt created. Another
 * caller who knows everything Twilio keeps about a visitor's chat (what agents, Studio and Flex task
 * data show) must not be able to use it to take that chat over. Through the gateway, twilio-run and
 * the emulator, as a script would attack `npm start`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { solvedChallengeOverHttp } from '../support/challenge';
import { startStack, type TestStack } from '../support/stack';

const SHOP = 'https://shop.example.com';

/** Every text inside a value, JSON texts included (Flex may keep pre-engagement data as a JSON string). */
function textsIn(value: unknown): string[] {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null) return [value, ...textsIn(parsed)];
    } catch {
      // Plain text.
    }
    return [value];
  }
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(textsIn);
  return [];
}

describe('a start key cannot be used to take over another visitor\'s chat', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  const initWebchat = async (body: Record<string, unknown>) => {
    const answer = await fetch(`${stack.baseUrl}/initWebchat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SHOP },
      body: JSON.stringify({ ...body, ...(await solvedChallengeOverHttp(stack.baseUrl, SHOP)) }),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  it('refuses the victim\'s chat to a caller presenting any key-shaped value Twilio stores about it, with attempt 2', async () => {
    const victimKey = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    const victim = await initWebchat({ formData: { friendlyName: 'Ada', query: 'My card number is…' }, startId: victimKey, attempt: 1 });
    expect(victim.status).toBe(200);
    const sid = String(victim.body.conversationSid);

    // What agents, Studio and Flex see: the create's parameters, the conversation, its participants and messages.
    const conversation = await stack.emulator.conversation(sid);
    const create = (await stack.emulator.twilioCalls()).filter((call) => call.path === '/v2/WebChats');
    const stored = [...textsIn(conversation), ...textsIn(create.map((call) => call.params))];
    const candidates = [...new Set(stored.filter((text) => /^[A-Za-z0-9_-]{16,64}$/.test(text) && !/^[A-Z]{2}[0-9a-f]{32}$/.test(text)))];
    expect(candidates.length).toBeGreaterThan(0);

    for (const startId of candidates) {
      const mallory = await initWebchat({ formData: { friendlyName: 'Mallory' }, startId, attempt: 2 });
      expect(mallory.body.conversationSid).not.toBe(sid);
      expect(mallory.body.identity ?? null).not.toBe(victim.body.identity);
    }
    expect(stored).not.toContain(victimKey);
    expect((await stack.emulator.conversation(sid)).messages.map((message) => message.author)).toStrictEqual([victim.body.identity, 'Concierge']);
  });

  it.each(['webchat_start_id', 'webchat_start', 'question'])('refuses a form field named %s, an internal key, with 400 naming it', async (field) => {
    const answer = await initWebchat({ formData: { friendlyName: 'Mallory', [field]: 'x'.repeat(32) } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field: `formData.${field}` });
  });
});
