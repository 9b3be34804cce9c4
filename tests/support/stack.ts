/**
 * The whole local product for integration and browser tests: emulator + twilio-run serving dist/
 * on free ports, with the test environment. Build first (`npm test` does).
 */
import { startLocalStack, type LocalStack } from '../../scripts/lib/local-stack';
import { EmulatorControl } from './emulator-control';
import { testEnv } from './fixtures';

export interface TestStack extends LocalStack {
  emulator: EmulatorControl;
}

export async function startStack(overrides: Record<string, string> = {}): Promise<TestStack> {
  const env = testEnv({ ALLOWED_ORIGINS: 'https://shop.example.com', ...overrides });
  const stack = await startLocalStack({ env, port: 0, emulatorPort: 0 });
  return { ...stack, emulator: new EmulatorControl(stack.emulatorUrl) };
}

/**
 * A host page's strictest workable Content-Security-Policy for the widget on `stack`: no inline
 * script or style, no eval; scripts and calls only to the service and the emulator.
 */
export function strictCsp(stack: TestStack): string {
  return [
    "default-src 'none'",
    `script-src ${stack.baseUrl}`,
    // The SDK's WebSocket needs its own ws:/wss: source: Chromium does not let http: cover it.
    `connect-src ${stack.baseUrl} ${stack.emulatorUrl} ${stack.emulatorUrl.replace(/^http/, 'ws')}`,
    `img-src ${stack.emulatorUrl}`,
    "style-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
