/** Terminal questions for interactive scripts: plain answers, hidden secrets, and a choice from a list. */
import { createInterface } from 'node:readline/promises';

export async function ask(question: string, fallback = ''): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(fallback === '' ? `${question} ` : `${question} [${fallback}] `)).trim();
    return answer === '' ? fallback : answer;
  } finally {
    rl.close();
  }
}

/** Reads a line without echoing it, so a token never shows on screen or in a terminal recording. */
export function askSecret(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return ask(question);
  process.stdout.write(`${question} `);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') {
          done();
          reject(new Error('cancelled'));
          return;
        }
        if (char === '\r' || char === '\n') {
          done();
          process.stdout.write('\n');
          resolve(value.trim());
          return;
        }
        value = char === '\u007f' ? value.slice(0, -1) : value + char;
      }
    };
    const done = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on('data', onData);
  });
}

/** Lists `options` numbered from 1 and answers the one picked (the first by default). */
export async function choose<T>(question: string, options: readonly T[], label: (option: T) => string): Promise<T> {
  options.forEach((option, index) => console.log(`  ${index + 1}. ${label(option)}`));
  for (;;) {
    const picked = options[Number(await ask(question, '1')) - 1];
    if (picked !== undefined) return picked;
    console.log(`  Please answer a number from 1 to ${options.length}.`);
  }
}
