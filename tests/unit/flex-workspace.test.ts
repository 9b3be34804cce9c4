import { describe, expect, it } from '@jest/globals';
import type { Twilio } from 'twilio';
import { flexWorkspaceSid } from '../../functions/lib/flex-workspace';
import { UpstreamError } from '../../functions/lib/errors';

/** A client whose Flex configuration answers what `answers` holds, in turn, counting the reads. */
function fakeClient(answers: (() => Promise<{ taskrouterWorkspaceSid: string }>)[]): { client: Twilio; reads: () => number } {
  let reads = 0;
  const fetch = () => {
    const answer = answers[Math.min(reads, answers.length - 1)];
    reads++;
    if (answer === undefined) throw new Error('no answer');
    return answer();
  };
  const client = { flexApi: { v1: { configuration: () => ({ fetch }) } } } as unknown as Twilio;
  return { client, reads: () => reads };
}

const workspace = (sid: string) => () => Promise.resolve({ taskrouterWorkspaceSid: sid });
const account = (n: number) => `AC${String(n).repeat(32)}`;

describe('flexWorkspaceSid (the TaskRouter workspace, once per warm instance)', () => {
  it('reads the configuration once for the same account and API host, also for overlapping calls', async () => {
    const { client, reads } = fakeClient([workspace('WS1')]);
    const config = { accountSid: account(1), apiBaseUrl: null };
    expect(await Promise.all([flexWorkspaceSid(client, config), flexWorkspaceSid(client, config)])).toStrictEqual(['WS1', 'WS1']);
    expect(await flexWorkspaceSid(client, config)).toBe('WS1');
    expect(reads()).toBe(1);
  });

  it("never answers one account's or API host's workspace to another", async () => {
    const { client, reads } = fakeClient([workspace('WS-a'), workspace('WS-b'), workspace('WS-c')]);
    expect(await flexWorkspaceSid(client, { accountSid: account(2), apiBaseUrl: null })).toBe('WS-a');
    expect(await flexWorkspaceSid(client, { accountSid: account(3), apiBaseUrl: null })).toBe('WS-b');
    expect(await flexWorkspaceSid(client, { accountSid: account(2), apiBaseUrl: 'http://127.0.0.1:3001' })).toBe('WS-c');
    expect(reads()).toBe(3);
  });

  it('keeps no failed read: the next call asks Twilio again', async () => {
    const failure = Object.assign(new Error('Service unavailable'), { status: 503, code: 20503 });
    const { client, reads } = fakeClient([() => Promise.reject(failure), workspace('WS-later')]);
    const config = { accountSid: account(4), apiBaseUrl: null };
    await expect(flexWorkspaceSid(client, config)).rejects.toBeInstanceOf(UpstreamError);
    expect(await flexWorkspaceSid(client, config)).toBe('WS-later');
    expect(await flexWorkspaceSid(client, config)).toBe('WS-later');
    expect(reads()).toBe(2);
  });
});
