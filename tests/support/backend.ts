/**
 * An emulator on a free port plus the Functions' context pointed at it, for handler tests that run
 * in this process with the real `twilio` library.
 */
import type { Twilio } from 'twilio';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import { twilioClient } from '../../functions/lib/twilio-client';
import { readConfig } from '../../functions/lib/config';
import type { FunctionContext } from '../../functions/lib/runtime';
import { EmulatorControl } from './emulator-control';
import { testEnv } from './fixtures';
import { functionContext } from './function-runtime';

export interface TestBackend {
  env: Record<string, string>;
  context: FunctionContext;
  emulator: EmulatorControl;
  /** The real twilio client at the emulator, for playing the agent or inspecting state. */
  twilio: Twilio;
  stop(): Promise<void>;
}

export function emulatorOptions(env: Readonly<Record<string, string>>) {
  return {
    port: 0,
    accountSid: env.ACCOUNT_SID as string,
    authToken: env.AUTH_TOKEN as string,
    apiKey: env.API_KEY as string,
    apiSecret: env.API_SECRET as string,
    conversationsServiceSid: env.CONVERSATIONS_SERVICE_SID as string,
    addressSid: env.ADDRESS_SID as string,
  };
}

export async function startTestBackend(overrides: Record<string, string> = {}): Promise<TestBackend> {
  const base = testEnv(overrides);
  const running: RunningEmulator = await startEmulator(emulatorOptions(base));
  const env = { ...base, TWILIO_API_BASE_URL: running.url };
  const context = functionContext(env);
  return {
    env,
    context,
    emulator: new EmulatorControl(running.url),
    twilio: twilioClient(context, readConfig(env)),
    stop: () => running.close(),
  };
}
