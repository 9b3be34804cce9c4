/**
 * initWebchat and refreshToken over HTTP through the local gateway and twilio-run (the local
 * development server) against the emulator: what `npm start` feels like, kept apart from the
 * Functions' own cost (functions-in-process.ts) because the development server dominates it.
 */
import { solvedChallengeOverHttp } from '../../tests/support/challenge';
import { fakeTwilioEnv } from '../lib/env-file';
import type { LocalStack } from '../lib/local-stack';
import { summarize, type Summary } from './stats';

export type TwilioRunFigures = Record<'initWebchat' | 'refreshToken', Summary>;

/** Local stacks built from this environment accept the bench's calls. */
export function benchStackEnv(): Record<string, string> {
  // Room under the start ceiling for every chat the bench starts.
  return { ...fakeTwilioEnv(), ALLOWED_ORIGINS: '', MAX_NEW_CHATS_PER_MINUTE: '10000' };
}

export async function measureOverTwilioRun(stack: LocalStack, rounds: number): Promise<TwilioRunFigures> {
  const post = async (fn: string, body: object): Promise<Record<string, unknown>> => {
    const response = await fetch(`${stack.baseUrl}/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: stack.baseUrl },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${fn}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const time = async <T>(call: (prepared: T) => Promise<void>, prepare: () => Promise<T>): Promise<Summary> => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      // The visitor's browser solves its challenge while they type: not part of the call.
      const prepared = await prepare();
      const started = performance.now();
      await call(prepared);
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  };
  let chat: Record<string, unknown> = {};
  const initWebchat = await time(
    async (solved) => {
      chat = await post('initWebchat', { formData: { friendlyName: 'Bench', query: 'How fast is this?' }, ...solved });
    },
    () => solvedChallengeOverHttp(stack.baseUrl, stack.baseUrl),
  );
  const refreshToken = await time(async () => {
    await post('refreshToken', { token: chat.token, conversationSid: chat.conversationSid });
  }, async () => undefined);
  return { initWebchat, refreshToken };
}
