/** Collects what code under test writes to the console, so tests can check logs hold no secrets. */
export async function captureConsole<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const lines: string[] = [];
  const original = { log: console.log, warn: console.warn, error: console.error };
  const record = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  Object.assign(console, { log: record, warn: record, error: record });
  try {
    return { result: await run(), output: lines.join('\n') };
  } finally {
    Object.assign(console, original);
  }
}

type ConsoleMethod = 'log' | 'warn' | 'error';
const METHODS: readonly ConsoleMethod[] = ['log', 'warn', 'error'];
/** Jest's own console, which prints each call as a block in the test run's output. */
const jestConsole = { log: console.log, warn: console.warn, error: console.error };

let running = 0;
let outside = { ...jestConsole };

/**
 * Runs a Function's handler with its console kept out of the test run's output (on Twilio it is the
 * Function's log), where logs of expected errors would read as failures. A test that captures the
 * console itself (`captureConsole`) still gets every line. Invocations may overlap.
 */
export async function asFunction<T>(run: () => Promise<T>): Promise<T> {
  if (running === 0) {
    outside = { log: console.log, warn: console.warn, error: console.error };
    for (const method of METHODS) {
      console[method] = (...args: unknown[]) => {
        if (outside[method] !== jestConsole[method]) outside[method](...args);
      };
    }
  }
  running += 1;
  try {
    return await run();
  } finally {
    running -= 1;
    if (running === 0) Object.assign(console, outside);
  }
}
