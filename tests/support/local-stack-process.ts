/**
 * The local stack in a process of its own, for tests that kill that process: starts it with the test
 * environment on free ports and prints one JSON line, `{baseUrl, runtimeUrl, runtimePid}`.
 */
import { startLocalStack } from '../../scripts/lib/local-stack';
import { testEnv } from './fixtures';

startLocalStack({ env: testEnv(), port: 0, emulatorPort: 0 }).then(
  (stack) => console.log(JSON.stringify({ baseUrl: stack.baseUrl, runtimeUrl: stack.runtimeUrl, runtimePid: stack.runtimePid })),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
