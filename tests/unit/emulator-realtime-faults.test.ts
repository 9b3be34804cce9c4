/** The emulator's realtime faults that fail tunnelled requests (the SDK's API calls) as REST faults fail REST calls. */
import { describe, expect, test } from '@jest/globals';
import { RealtimeFaults, parseRealtimeFault } from '../../scripts/emulator/controls/realtime-faults';

describe('realtime failRequests fault', () => {
  test('fails matching tunnelled requests the given number of times with the Twilio error', () => {
    const faults = new RealtimeFaults();
    faults.apply(parseRealtimeFault({ failRequests: { method: 'POST', path: '/Messages$', status: 400, code: 50_000, times: 1 } }));
    expect(faults.takeRequestFailure('get', '/Client/v2/Conversations/CH1/Messages')).toBe(undefined);
    expect(faults.takeRequestFailure('post', '/Client/v2/Conversations/CH1/Messages')?.toBody()).toMatchObject({ status: 400, code: 50_000 });
    expect(faults.takeRequestFailure('post', '/Client/v2/Conversations/CH1/Messages')).toBe(undefined);
  });

  test('is cleared with the other realtime faults', () => {
    const faults = new RealtimeFaults();
    faults.apply(parseRealtimeFault({ failRequests: { path: 'Messages', status: 503, code: 20_003 } }));
    faults.clear();
    expect(faults.takeRequestFailure('POST', '/Messages')).toBe(undefined);
  });

  test('refuses a spec without an error or with a delay, which would not fail anything', () => {
    expect(() => parseRealtimeFault({ failRequests: { path: 'Messages', delayMs: 10 } })).toThrow(/status and code/);
    expect(() => parseRealtimeFault({ failRequests: { path: 'Messages', status: 400, code: 1, delayMs: 10 } })).toThrow(/no delayMs/);
  });
});
