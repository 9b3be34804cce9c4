/**
 * A virtual X display for WebKitGTK's MiniBrowser, which has no headless mode: Xvfb picks a free
 * display number itself (-displayfd) and reports it once it accepts clients.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. ":99". */
  display: string;
  stop(): Promise<void>;
}

export async function startXvfb(): Promise<VirtualDisplay> {
  const xvfb: ChildProcess = spawn(process.env.XVFB_PATH ?? '/usr/bin/Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x900x24'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const reported = xvfb.stdio[3] as Readable;
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    reported.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before reporting its display`)));
    xvfb.once('error', reject);
  });
  return {
    display: `:${number}`,
    async stop() {
      if (xvfb.exitCode !== null) return;
      const exited = new Promise((resolve) => xvfb.once('exit', resolve));
      xvfb.kill();
      await exited;
    },
  };
}
