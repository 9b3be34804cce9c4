/**
 * Fuzzes every public Function through the whole local stack (gateway, twilio-run, emulator) with
 * requests a careless or hostile caller might send (tests/support/fuzzed-requests.ts). For each:
 * never a 5xx, every error is `{error: {code, message}}` JSON without a stack trace or a local path,
 * only a request that could be valid may succeed, and the emulator holds exactly the conversations
 * the successful answers account for: none is created by a refusal. Requests go in concurrent
 * batches, each checked against the emulator's conversation count before the next.
 * Add a Function to TARGETS to fuzz it too.
 */
import { Agent } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { readConfig } from '../../functions/lib/config';
import { mintToken } from '../../functions/lib/tokens';
import { IDENTITY_SECRET, signIdentity, unsignedIdentity } from '../support/identity-token';
import { exchange, type RawAnswer } from '../support/http-exchange';
import { describeRequest, fuzzedRequest, type FuzzedRequest, type FuzzTarget } from '../support/fuzzed-requests';
import { solvedChallengeOverHttp, type SolvedChallenge } from '../support/challenge';
import { startStack, type TestStack } from '../support/stack';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const SHOP = 'https://shop.example.com';
const REQUESTS_PER_FUNCTION = 2000;
// Two cores are shared: a few requests in flight keep the stack busy without starving it.
const BATCH = 8;

const conversationSid = fc.oneof(fc.stringMatching(/^CH[0-9a-f]{32}$/), fc.string({ maxLength: 40 }));
const threePartStrings = fc.array(fc.base64String({ maxLength: 60 }), { minLength: 3, maxLength: 3 }).map((parts) => parts.join('.'));

/** Tokens a forger might try: signed with our secret for nobody's chat, with another secret, unsigned. */
function forgedTokens(env: Readonly<Record<string, string>>): string[] {
  const config = readConfig(env);
  const unsigned = (payload: object) =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  return [
    mintToken(config, 'visitor-of-nobody').token,
    mintToken({ ...config, apiSecret: 'another-secret-of-the-right-length!' }, 'visitor-forged').token,
    mintToken({ ...config, tokenTtlSeconds: 1 }, 'visitor-short').token,
    unsigned({ iss: config.apiKey, sub: config.accountSid, grants: { identity: 'visitor-unsigned' } }),
  ];
}

/** A chat started over HTTP before the fuzzing: its token and SID make requests that can succeed, or ask about another's chat. */
interface StartedChat {
  token: string;
  conversationSid: string;
}

/** `{token, conversationSid}` as a visitor's Function takes it: real, forged and random tokens, each with real (own or another's) and random SIDs. */
function visitorChatRequest(env: Readonly<Record<string, string>>, chats: readonly StartedChat[]): fc.Arbitrary<Record<string, unknown>> {
  const token = fc.oneof(fc.constantFrom(...chats.map((chat) => chat.token)), fc.constantFrom(...forgedTokens(env)), threePartStrings, fc.string());
  const mixed = fc.record({ token, conversationSid: fc.oneof(fc.constantFrom(...chats.map((chat) => chat.conversationSid)), conversationSid) });
  return fc.oneof(fc.constantFrom(...chats.map((chat) => ({ token: chat.token, conversationSid: chat.conversationSid }))), mixed);
}

/** Identity tokens: the site's own for a visitor with a chat and one without, and forgeries of every kind. */
async function identityTokens(baseUrl: string): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  // Valid for the 10 minutes the fuzzing may take.
  const long = { iat: now, exp: now + 600 };
  return [
    await signIdentity(baseUrl, { sub: 'fuzzed-visitor', ...long }),
    await signIdentity(baseUrl, { sub: 'visitor-without-chats', email: 'nobody@example.com', ...long }),
    await signIdentity('https://another.twil.io', { sub: 'fuzzed-visitor' }),
    await signIdentity(baseUrl, { sub: 'fuzzed-visitor' }, 'another-secret-that-is-long-enough-0123456789'),
    await signIdentity(baseUrl, { sub: 'fuzzed-visitor', iat: now - 700, exp: now - 100 }),
    unsignedIdentity({ sub: 'fuzzed-visitor', aud: baseUrl, iat: now, exp: now + 300 }),
  ];
}

function targets(env: Readonly<Record<string, string>>, solved: readonly SolvedChallenge[], chats: readonly StartedChat[], identities: readonly string[]): FuzzTarget[] {
  const identityToken = fc.oneof(fc.constantFrom(...identities), threePartStrings, fc.string());
  return [
    {
      name: 'challenge',
      parameters: [],
      createsOnSuccess: 0,
      plausible: fc.constant({}),
    },
    {
      name: 'initWebchat',
      parameters: ['formData', 'challenge', 'solution'],
      createsOnSuccess: 1,
      // Some carry a solved challenge: each starts one chat the first time, then is a replay.
      plausible: fc.record({
        proof: fc.option(fc.constantFrom(...solved), { nil: undefined }),
        formData: fc.record(
          {
            friendlyName: fc.string({ maxLength: 40, unit: 'grapheme' }),
            email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 20 })),
            query: fc.string({ maxLength: 300, unit: 'grapheme' }),
          },
          { requiredKeys: [] },
        ),
      }).map(({ proof, formData }) => ({ formData, ...proof })),
    },
    {
      name: 'refreshToken',
      parameters: ['token', 'conversationSid'],
      createsOnSuccess: 0,
      plausible: visitorChatRequest(env, chats),
    },
    {
      // The same two parameters as refreshToken; a real visitor's own chat ends (once, then answers closed again).
      name: 'endChat',
      parameters: ['token', 'conversationSid'],
      createsOnSuccess: 0,
      plausible: visitorChatRequest(env, chats),
    },
    {
      // The same two parameters as refreshToken and a code; nothing a caller sends may name where mail goes.
      name: 'emailTranscript',
      parameters: ['token', 'conversationSid', 'code'],
      createsOnSuccess: 0,
      plausible: fc
        .tuple(visitorChatRequest(env, chats), fc.option(fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string({ maxLength: 12 }), fc.integer()), { nil: undefined }))
        .map(([request, code]) => (code === undefined ? request : { ...request, code })),
    },
    {
      name: 'visitorChats',
      parameters: ['identityToken', 'page'],
      createsOnSuccess: 0,
      plausible: fc.record({ identityToken, page: fc.oneof(fc.nat(6), fc.string({ maxLength: 3 })) }, { requiredKeys: ['identityToken'] }),
    },
    {
      // Real tokens with their own chat and others' chats, forged tokens, random SIDs.
      name: 'visitorTranscript',
      parameters: ['identityToken', 'conversationSid'],
      createsOnSuccess: 0,
      plausible: fc.record({ identityToken, conversationSid: fc.oneof(fc.constantFrom(...chats.map((chat) => chat.conversationSid)), conversationSid) }),
    },
    {
      // A message left while closed becomes a TaskRouter task, never a conversation.
      name: 'offlineMessage',
      parameters: ['formData', 'challenge', 'solution', 'locale'],
      createsOnSuccess: 0,
      plausible: fc.record({
        proof: fc.option(fc.constantFrom(...solved), { nil: undefined }),
        formData: fc.record({ friendlyName: fc.string({ maxLength: 40, unit: 'grapheme' }), email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 20 })), query: fc.string({ maxLength: 300, unit: 'grapheme' }) }, { requiredKeys: [] }),
        locale: fc.option(fc.oneof(fc.constantFrom('de', 'pt-BR', 'ar-EG'), fc.string({ maxLength: 40 })), { nil: undefined }),
      }).map(({ proof, formData, locale }) => ({ formData, ...proof, ...(locale === undefined ? {} : { locale }) })),
    },
    {
      // A visitor's chat, a rating and a comment; an open chat or a second rating is refused with 409.
      name: 'rateChat',
      parameters: ['token', 'conversationSid', 'rating', 'comment'],
      createsOnSuccess: 0,
      plausible: fc
        .tuple(visitorChatRequest(env, chats), fc.oneof(fc.integer({ min: -1, max: 7 }), fc.double(), fc.string({ maxLength: 3 })), fc.option(fc.string({ maxLength: 600 }), { nil: undefined }))
        .map(([request, rating, comment]) => ({ ...request, rating, ...(comment === undefined ? {} : { comment }) })),
    },
  ];
}

/** What no answer may show: a stack frame, a stack property, a path of this machine. */
function showsInternals(body: string): boolean {
  return /\n\s+at\s/.test(body) || /"stack"\s*:/.test(body) || body.includes(ROOT);
}

function describeExchange(request: FuzzedRequest, answer: RawAnswer): string {
  return `${describeRequest(request)}\n→ ${answer.status} ${answer.body.slice(0, 300)}`;
}

/** All conversations in Flex's Conversations service (where web chats go), counted through the REST list as Twilio pages it. */
async function conversationCount(stack: TestStack): Promise<number> {
  const auth = `Basic ${Buffer.from(`${stack.env.ACCOUNT_SID ?? ''}:${stack.env.AUTH_TOKEN ?? ''}`).toString('base64')}`;
  let count = 0;
  let next: string | null = `${stack.emulatorUrl}/v1/Services/${stack.env.CONVERSATIONS_SERVICE_SID ?? ''}/Conversations?PageSize=100`;
  while (next !== null) {
    const answer = await fetch(next, { headers: { authorization: auth } });
    if (!answer.ok) throw new Error(`listing conversations: ${answer.status} ${await answer.text()}`);
    const page = (await answer.json()) as { conversations: unknown[]; meta: { next_page_url: string | null } };
    count += page.conversations.length;
    // The emulator names its pages with Twilio's host, as Twilio does; the path is what matters.
    next = page.meta.next_page_url === null ? null : `${stack.emulatorUrl}${new URL(page.meta.next_page_url).pathname}${new URL(page.meta.next_page_url).search}`;
  }
  return count;
}

/** Checks one answer; returns how many conversations it may have created. */
function checkAnswer(target: FuzzTarget, request: FuzzedRequest, answer: RawAnswer): number {
  const seen = describeExchange(request, answer);
  expect({ seen, serverError: answer.status >= 500 }).toStrictEqual({ seen, serverError: false });
  expect({ seen, internals: showsInternals(answer.body) }).toStrictEqual({ seen, internals: false });
  if (answer.status >= 200 && answer.status < 300) {
    // A preflight is answered by the runtime, as by Twilio; it runs nothing.
    if (request.method === 'OPTIONS') return 0;
    expect({ seen, mayBeValid: request.mayBeValid }).toStrictEqual({ seen, mayBeValid: true });
    return target.createsOnSuccess;
  }
  if (request.method !== 'HEAD') {
    expect({ seen, contentType: String(answer.headers['content-type']).startsWith('application/json') }).toStrictEqual({ seen, contentType: true });
    const error = (JSON.parse(answer.body) as { error?: { code?: unknown; message?: unknown } }).error;
    expect({ seen, code: typeof error?.code, message: typeof error?.message }).toStrictEqual({ seen, code: 'string', message: 'string' });
  }
  return 0;
}

describe('every Function under fuzzed requests, through the gateway, twilio-run and the emulator', () => {
  let stack: TestStack;
  let agent: Agent;
  const solved: SolvedChallenge[] = [];
  const chats: StartedChat[] = [];
  let identities: string[] = [];
  beforeAll(async () => {
    stack = await startStack({ ALLOWED_ORIGINS: SHOP, VISITOR_IDENTITY_SECRET: IDENTITY_SECRET, SENDGRID_API_KEY: 'SG.emulated-key-id.emulated-key-secret', TRANSCRIPT_FROM_EMAIL: 'support@shop.example.com' });
    agent = new Agent({ keepAlive: true, maxSockets: BATCH });
    for (let i = 0; i < 20; i += 1) solved.push(await solvedChallengeOverHttp(stack.baseUrl, SHOP));
    identities = await identityTokens(stack.baseUrl);
    for (let i = 0; i < 3; i += 1) {
      const proof = await solvedChallengeOverHttp(stack.baseUrl, SHOP);
      // The first visitor is signed in, so the signed-in Functions have a chat to find.
      const signedIn = i === 0 ? { identityToken: identities[0] } : {};
      const answer = await fetch(`${stack.baseUrl}/initWebchat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: SHOP },
        body: JSON.stringify({ formData: { friendlyName: `Visitor ${i}`, email: `visitor${i}@example.com`, query: 'Hello' }, ...proof, ...signedIn }),
      });
      expect(answer.status).toBe(200);
      chats.push((await answer.json()) as StartedChat);
    }
  });
  afterAll(async () => {
    agent?.destroy();
    await stack?.stop();
  });

  it.each(['challenge', 'initWebchat', 'refreshToken', 'endChat', 'emailTranscript', 'visitorChats', 'visitorTranscript', 'offlineMessage', 'rateChat'])('%s: no 5xx, JSON errors without internals, and nothing created by a refusal', async (name) => {
    const target = targets(stack.env, solved, chats, identities).find((candidate) => candidate.name === name);
    if (target === undefined) throw new Error(`no fuzz target ${name}`);
    let sent = 0;
    let succeeded = 0;
    const before = await conversationCount(stack);
    let expected = before;
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzedRequest(target, SHOP), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        // Every exchange settles before the batch is judged, so none is still running into the next one.
        const settled = await Promise.allSettled(batch.map((request) => exchange(stack.baseUrl, request, agent)));
        const answers = settled.map((outcome, index) => {
          if (outcome.status === 'rejected') throw new Error(`${describeRequest(batch[index] as FuzzedRequest)}\n→ ${String(outcome.reason)}`);
          return outcome.value;
        });
        sent += batch.length;
        expected += batch.reduce((sum, request, index) => sum + checkAnswer(target, request, answers[index] as RawAnswer), 0);
        succeeded += answers.filter((answer, index) => answer.status < 300 && batch[index]?.method === 'POST').length;
        expect({ conversations: await conversationCount(stack) }).toStrictEqual({ conversations: expected });
      }),
      // Shrinking would replay whole batches against a stateful stack; the first failing batch, printed
      // request by request, says more.
      { numRuns: Math.ceil(REQUESTS_PER_FUNCTION / BATCH), endOnFailure: true },
    );
    console.log(`${name}: ${sent} fuzzed requests, ${succeeded} succeeded, ${expected - before} conversations created (all by those)`);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS_PER_FUNCTION);
  });
});
