import { describe, expect, it } from '@jest/globals';
import { readyMessage } from '../../scripts/lib/ready-message';

describe('what npm start prints when it is ready', () => {
  it('ends with the demo page and the agent desk at the ports they got, and says how .env edits take effect', () => {
    const lines = readyMessage({ baseUrl: 'http://localhost:4710', emulatorUrl: 'http://127.0.0.1:4711' }).trim().split('\n');
    expect(lines.at(-1)).toMatch(/^\s*Ready: demo page http:\/\/localhost:4710\/\s+agent desk http:\/\/localhost:4711\/\s/);
    expect(lines.join('\n')).toMatch(/\.env is read once, at start: after editing it, press Ctrl-C and run npm start again/);
    expect(lines.join('\n')).toMatch(/starts empty/);
  });
});
