/**
 * What `npm start` shows: twilio-run's listing of its routes is all printed by the time the stack
 * says it is ready, so the "ready" line npm start prints next is the last thing on screen.
 */
import { Writable } from 'node:stream';
import { describe, expect, it, jest } from '@jest/globals';
import { startLocalStack } from '../../scripts/lib/local-stack';
import { testEnv } from '../support/fixtures';

jest.setTimeout(120_000);

describe('the local stack at start-up', () => {
  it("has printed twilio-run's whole route listing, at the public port, when it is ready", async () => {
    let output = '';
    const collector = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const stack = await startLocalStack({ env: testEnv(), port: 0, emulatorPort: 0, output: collector });
    const atReady = output;
    await stack.stop();
    const port = new URL(stack.baseUrl).port;
    expect(atReady).toMatch(/^Functions$/m);
    expect(atReady).toMatch(new RegExp(`^Assets\\n(http://localhost:${port}/\\S+\\n?)+`, 'm'));
    expect(atReady).toContain(`http://localhost:${port}/webchat.js`);
  });
});
