/**
 * initWebchat and refreshToken over HTTP through twilio-run (the local development server, which
 * forks a process per call) against the emulator: what `npm start` feels like, kept apart from the
 * Functions' own cost (functions-in-process.ts) because twilio-run dominates it.
 */
import { fakeTwilioEnv } from '../lib/env-file';
import type { LocalStack } from '../lib/local-stack';
import { summarize, type Summary } from './stats';

export type TwilioRunFigures = Record<'initWebchat' | 'refreshToken', Summary>;

/** Local stacks built from this environment accept the bench's calls. */
export function benchStackEnv(): Record<string, string> {
  return { ...fakeTwilioEnv(), ALLOWED_ORIGINS: '' };
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
  const time = async (call: () => Promise<void>): Promise<Summary> => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const started = performance.now();
      await call();
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  };
  let chat: Record<string, unknown> = {};
  const initWebchat = await time(async () => {
    chat = await post('initWebchat', { formData: { friendlyName: 'Bench', query: 'How fast is this?' } });
  });
  const refreshToken = await time(async () => {
    await post('refreshToken', { token: chat.token, conversationSid: chat.conversationSid });
  });
  return { initWebchat, refreshToken };
}
