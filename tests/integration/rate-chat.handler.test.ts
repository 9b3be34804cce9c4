/**
 * rateChat with the real twilio library and the emulator: a visitor rates a chat that ended, once,
 * within a day; the rating lands in the deployment's Sync map and on the Flex task's attributes,
 * and is posted, signed, to the ratings webhook (tried once more when it fails).
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { handler as initWebchat } from '../../functions/initWebchat';
import { handler as rateChat } from '../../functions/rateChat';
import { readConfig } from '../../functions/lib/config';
import { rateChat as rateChatAt } from '../../functions/lib/rate-chat';
import { RATINGS_MAP } from '../../contract/ratings';
import { startTestBackend, type TestBackend } from '../support/backend';
import { solvedChallenge } from '../support/challenge';
import { ALLOWED_ORIGIN } from '../support/fixtures';
import { invoke } from '../support/function-runtime';
import { runScript } from '../support/run-script';

const fromShop = { origin: ALLOWED_ORIGIN, 'content-type': 'application/json' };
const AGENT = 'grace@example.com';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Chat {
  token: string;
  conversationSid: string;
  identity: string;
}

/** A webhook receiver that refuses its first `failFirst` posts with 500. */
async function receiver(failFirst: number): Promise<{ url: string; posts: Array<{ body: string; signature: string | undefined }>; close(): Promise<void> }> {
  const posts: Array<{ body: string; signature: string | undefined }> = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      posts.push({ body, signature: request.headers['x-webchat-signature'] as string | undefined });
      response.statusCode = posts.length <= failFirst ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ratings`, posts, close: () => new Promise((closed) => server.close(() => closed())) };
}

describe('rateChat (handler with the real twilio library and the emulator)', () => {
  let backend: TestBackend;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const SECRET = 'a-webhook-secret-of-some-length';
  beforeAll(async () => {
    hook = await receiver(1);
    backend = await startTestBackend({ RATINGS_WEBHOOK_URL: hook.url, RATINGS_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await backend.stop();
    await hook.close();
  });

  const tasks = async () => backend.twilio.taskrouter.v1.workspaces((await backend.twilio.flexApi.v1.configuration().fetch()).taskrouterWorkspaceSid).tasks;

  /** A chat the agent answered and then ended, as Flex ends it: by closing the interaction channel. */
  async function endedChat(): Promise<Chat> {
    const challenge = await solvedChallenge(backend.context, fromShop);
    const answer = await invoke(initWebchat, backend.context, { formData: { friendlyName: 'Ada', query: 'Where is my parcel?' }, ...challenge }, fromShop);
    const chat = answer.body as unknown as Chat;
    const conversation = backend.twilio.conversations.v1.services(backend.env.CONVERSATIONS_SERVICE_SID ?? '').conversations(chat.conversationSid);
    await conversation.messages.create({ author: AGENT, body: 'It arrives tomorrow.' });
    const [task] = await (await tasks()).list({ evaluateTaskAttributes: `conversationSid == "${chat.conversationSid}"` });
    const { flexInteractionSid, flexInteractionChannelSid } = JSON.parse(task?.attributes ?? '{}') as Record<string, string>;
    await backend.twilio.flexApi.v1.interaction(flexInteractionSid ?? '').channels(flexInteractionChannelSid ?? '').update({ status: 'closed' });
    return chat;
  }

  const rate = (body: Record<string, unknown>) => invoke(rateChat, backend.context, body, fromShop);
  const errorOf = (body: Record<string, unknown>) => body.error as { code: string; field?: string };

  it('records a rating once: in Sync with the agent and the time, on the Flex task, and at the webhook, signed', async () => {
    const chat = await endedChat();
    const before = Date.now();
    const answer = await rate({ token: chat.token, conversationSid: chat.conversationSid, rating: 4, comment: '  Quick and kind.  ' });
    expect([answer.status, answer.body]).toStrictEqual([200, { recorded: true }]);

    const item = await backend.twilio.sync.v1.services('default').syncMaps(RATINGS_MAP).syncMapItems(chat.conversationSid).fetch();
    const record = item.data as Record<string, unknown>;
    expect(record).toMatchObject({ conversationSid: chat.conversationSid, agent: AGENT, rating: 4, comment: 'Quick and kind.' });
    expect(Date.parse(String(record.time))).toBeGreaterThanOrEqual(before - 1000);

    const [task] = await (await tasks()).list({ evaluateTaskAttributes: `conversationSid == "${chat.conversationSid}"` });
    expect(JSON.parse(task?.attributes ?? '{}')).toMatchObject({
      conversationSid: chat.conversationSid,
      conversations: { conversation_measure_1: 4 },
      webchat_rating: { rating: 4, comment: 'Quick and kind.' },
    });

    // The receiver refused the first post: the second carried the same signed body.
    expect(hook.posts).toHaveLength(2);
    for (const post of hook.posts) {
      expect(JSON.parse(post.body)).toStrictEqual(record);
      expect(post.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(post.body).digest('hex')}`);
    }

    const again = await rate({ token: chat.token, conversationSid: chat.conversationSid, rating: 1 });
    expect([again.status, errorOf(again.body).code]).toStrictEqual([409, 'ALREADY_RATED']);
  });

  it('refuses a chat still going, a rating outside 1 to 5, a long comment and another visitor\'s chat', async () => {
    const challenge = await solvedChallenge(backend.context, fromShop);
    const open = (await invoke(initWebchat, backend.context, { formData: { query: 'Hi' }, ...challenge }, fromShop)).body as unknown as Chat;
    const notEnded = await rate({ token: open.token, conversationSid: open.conversationSid, rating: 5 });
    expect([notEnded.status, errorOf(notEnded.body).code]).toStrictEqual([409, 'CHAT_NOT_ENDED']);

    const chat = await endedChat();
    for (const [body, field] of [
      [{ rating: 6 }, 'rating'],
      [{ rating: 2.5 }, 'rating'],
      [{ rating: '5' }, 'rating'],
      [{ rating: 5, comment: 'x'.repeat(501) }, 'comment'],
    ] as const) {
      const refused = await rate({ token: chat.token, conversationSid: chat.conversationSid, ...body });
      expect([refused.status, errorOf(refused.body)]).toMatchObject([400, { code: 'INVALID_FIELD', field }]);
    }
    const other = await rate({ token: open.token, conversationSid: chat.conversationSid, rating: 5 });
    expect([other.status, errorOf(other.body).code]).toStrictEqual([404, 'CONVERSATION_NOT_FOUND']);
  });

  it('exports the ratings as CSV with npm run ratings, from a date on', async () => {
    const chat = await endedChat();
    const rated = await rate({ token: chat.token, conversationSid: chat.conversationSid, rating: 2, comment: 'Slow, "but" polite,\nthanks' });
    expect(rated.status).toBe(200);
    const dir = await mkdtemp(path.join(tmpdir(), 'webchat-ratings-'));
    try {
      const envFile = path.join(dir, '.env');
      await writeFile(envFile, `ACCOUNT_SID=${backend.env.ACCOUNT_SID}\nAUTH_TOKEN=${backend.env.AUTH_TOKEN}\n`);
      const apiBase = { TWILIO_API_BASE_URL: backend.env.TWILIO_API_BASE_URL ?? '' };
      const all = await runScript('scripts/ratings.ts', ['--env', envFile], apiBase);
      expect([all.code, all.stderr]).toStrictEqual([0, '']);
      const lines = all.stdout.split('\r\n');
      expect(lines[0]).toBe('time,conversationSid,agent,rating,comment');
      const row = lines.find((line) => line.includes(chat.conversationSid)) ?? '';
      expect(row).toMatch(new RegExp(`^\\d{4}-[^,]+,${chat.conversationSid},${AGENT},2,"Slow, ""but"" polite,\nthanks"$`));
      const none = await runScript('scripts/ratings.ts', ['--env', envFile, '--since', new Date(Date.now() + 60_000).toISOString()], apiBase);
      expect(none.stdout).toBe('time,conversationSid,agent,rating,comment\r\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('closes rating a day after the chat ended', async () => {
    const chat = await endedChat();
    const dayLater = new Date(Date.now() + 86_400_000 + 60_000);
    const config = readConfig(backend.env);
    const late = rateChatAt(backend.twilio, config, backend.env, { token: chat.token, conversationSid: chat.conversationSid, rating: 5, comment: null }, quiet, dayLater);
    await expect(late).rejects.toMatchObject({ status: 409, code: 'RATING_TOO_LATE' });
  });
});
