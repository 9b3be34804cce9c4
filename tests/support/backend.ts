/**
 * An emulator on a free port plus the Functions' context pointed at it, for handler tests that run
 * in this process with the real `twilio` library.
 */
import type { Twilio } from 'twilio';
import { emulatorOptionsFromEnv } from '../../scripts/emulator/options-from-env';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/server';
import type { FunctionContext } from '../../functions/lib/runtime';
import { EmulatorControl } from './emulator-control';
import { testEnv } from './fixtures';
import { functionContext } from './function-runtime';
import { twilioAt } from './twilio-at-emulator';

export interface TestBackend {
  env: Record<string, string>;
  context: FunctionContext;
  emulator: EmulatorControl;
  /** The real twilio client at the emulator, for playing the agent or inspecting state. */
  twilio: Twilio;
  stop(): Promise<void>;
}

export async function startTestBackend(overrides: Record<string, string> = {}): Promise<TestBackend> {
  const base = testEnv(overrides);
  const running: RunningEmulator = await startEmulator(emulatorOptionsFromEnv(base, 0));
  const env: Record<string, string> = { ...base, TWILIO_API_BASE_URL: running.url };
  const context = functionContext(env);
  return {
    env,
    context,
    emulator: new EmulatorControl(running.url),
    twilio: twilioAt(running.url, env.ACCOUNT_SID ?? '', env.AUTH_TOKEN ?? ''),
    stop: () => running.close(),
  };
}
