/** The emulator's realtime faults: tunnelled requests failed as REST faults fail REST calls, and faults and actions aimed at one identity. */
import { describe, expect, test } from '@jest/globals';
import { RealtimeFaults, parseRealtimeFault, parseTarget } from '../../scripts/emulator/controls/realtime-faults';

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

describe('realtime faults for one identity', () => {
  test('a frame delay with an identity holds back only that identity’s frames, beside or instead of the untargeted delay', () => {
    const faults = new RealtimeFaults();
    faults.apply(parseRealtimeFault({ frameDelayMs: 150, identity: 'visitor-1' }));
    expect([faults.frameDelayFor('visitor-1'), faults.frameDelayFor('agent-1'), faults.frameDelayFor(undefined)]).toStrictEqual([150, 0, 0]);
    faults.apply(parseRealtimeFault({ frameDelayMs: 5_000 }));
    faults.apply(parseRealtimeFault({ frameDelayMs: 0, identity: 'agent-1' }));
    expect([faults.frameDelayFor('visitor-1'), faults.frameDelayFor('agent-1'), faults.frameDelayFor('someone-else')]).toStrictEqual([150, 0, 5_000]);
    faults.clear();
    expect([faults.frameDelayFor('visitor-1'), faults.frameDelayFor('someone-else')]).toStrictEqual([0, 0]);
  });

  test('an identity goes with frameDelayMs alone, and is a string of 1 to 256 characters', () => {
    expect(() => parseRealtimeFault({ identity: 'visitor-1' })).toThrow(/frameDelayMs only/);
    expect(() => parseRealtimeFault({ frameDelayMs: 10, refuseConnections: 1, identity: 'visitor-1' })).toThrow(/frameDelayMs only/);
    expect(() => parseRealtimeFault({ frameDelayMs: 10, identity: '' })).toThrow(/1 to 256/);
    expect(() => parseRealtimeFault({ frameDelayMs: 10, identity: 'x'.repeat(257) })).toThrow(/1 to 256/);
    expect(() => parseRealtimeFault({ frameDelayMs: 10, identity: 7 })).toThrow(/1 to 256/);
  });

  test('drop and expire act on every connection with an empty body, on one identity’s with {identity}', () => {
    expect(parseTarget('')).toBe(undefined);
    expect(parseTarget('{}')).toBe(undefined);
    expect(parseTarget('{"identity":"visitor-1"}')).toBe('visitor-1');
    expect(() => parseTarget('{"who":"visitor-1"}')).toThrow(/unknown target option who/);
    expect(() => parseTarget('["visitor-1"]')).toThrow(/JSON object/);
    expect(() => parseTarget('{')).toThrow(SyntaxError);
  });
});
