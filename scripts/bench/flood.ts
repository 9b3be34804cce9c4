/**
 * What a flood costs and what it leaves visitors: eight scripted workers that solve every challenge
 * start chats for a window against the default ceiling, with a captcha configured, while a visitor
 * who solves the captcha tries ten times. Sync calls come from the emulator's request log; those of
 * admitted starts (claim, slot) are taken off, and the rest divided among the refused attempts.
 */
import { solvedChallenge } from '../../tests/support/challenge';
import { EmulatorControl } from '../../tests/support/emulator-control';
import { functionContext, invoke } from '../../tests/support/function-runtime';
import { loadHandler } from './functions-in-process';

const ORIGIN = 'https://shop.example.com';
const WORKERS = 8;
const VISITOR_TRIES = 10;
/** An admitted start's Sync calls: its challenge's claim and its slot, when the first slot it picks is free. */
const SYNC_CALLS_PER_ADMITTED = 2;

export interface FloodFigures {
  attempts: number;
  admitted: number;
  refused: number;
  /** Sync calls beyond those of admitted starts, per refused attempt (goal: 0 once a window is known full). */
  syncCallsPerRefused: number;
  /** Of the visitor's ten tries with a solved captcha. */
  visitorStarted: number;
}

/** The emulator's captcha stand-in's token for a page on the shop's host. */
const solvedCaptcha = (): string => `emulated-captcha.${Buffer.from(new URL(ORIGIN).hostname).toString('base64')}.${Math.random().toString(36).slice(2)}`;

export async function measureFlood(env: Record<string, string>, emulatorUrl: string, seconds: number): Promise<FloodFigures> {
  const emulator = new EmulatorControl(emulatorUrl);
  await emulator.reset();
  const context = functionContext({ ...env, CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SITE_KEY: 'site-key', CAPTCHA_SECRET_KEY: 'secret-key' });
  const initWebchat = loadHandler('initWebchat');
  const headers = { origin: ORIGIN, 'content-type': 'application/json' };
  const ends = performance.now() + seconds * 1000;
  const worker = async (): Promise<number[]> => {
    const statuses: number[] = [];
    while (performance.now() < ends) {
      const proof = await solvedChallenge(context, headers);
      statuses.push((await invoke(initWebchat, context, { formData: { friendlyName: 'Bot', query: 'spam' }, ...proof }, headers)).status);
    }
    return statuses;
  };
  const visitor = async (): Promise<number> => {
    let started = 0;
    for (let i = 0; i < VISITOR_TRIES; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / (VISITOR_TRIES + 1)));
      const proof = await solvedChallenge(context, headers);
      const answer = await invoke(initWebchat, context, { formData: { friendlyName: 'Sam', query: 'Hello' }, ...proof, captchaToken: solvedCaptcha() }, headers);
      if (answer.status === 200) started += 1;
    }
    return started;
  };
  const [visitorStarted, ...flood] = await Promise.all([visitor(), ...Array.from({ length: WORKERS }, worker)]);
  const statuses = flood.flat();
  const admitted = statuses.filter((status) => status === 200).length;
  const refused = statuses.length - admitted;
  const syncCalls = (await emulator.twilioCalls()).filter((call) => call.path.startsWith('/v1/Services/default/')).length;
  const refusedCalls = Math.max(0, syncCalls - (admitted + (visitorStarted ?? 0)) * SYNC_CALLS_PER_ADMITTED);
  return {
    attempts: statuses.length,
    admitted,
    refused,
    syncCallsPerRefused: refused === 0 ? 0 : Math.round((refusedCalls / refused) * 1000) / 1000,
    visitorStarted: visitorStarted ?? 0,
  };
}
