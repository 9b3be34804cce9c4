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
