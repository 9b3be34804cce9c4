/**
 * Test support for the emulator's own tests: the real `twilio` library pointed at an emulator,
 * fake credentials with the shapes twilio-node and the Functions accept, and Access Tokens minted
 * by the backend's own minting code.
 */
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import type { Twilio } from 'twilio';
import { mintToken } from '../../functions/lib/tokens';
import { twilioAt as clientAt } from '../../scripts/lib/twilio-at';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../scripts/emulator/server';

export const TEST_EMULATOR_OPTIONS: EmulatorOptions = {
  host: '127.0.0.1',
  port: 0,
  accountSid: 'AC' + '1'.repeat(32),
  authToken: 'a'.repeat(32),
  apiKey: 'SK' + '2'.repeat(32),
  apiSecret: 'test-api-secret-that-is-long-enough',
  conversationsServiceSid: 'IS' + '3'.repeat(32),
  addressSid: 'IG' + '4'.repeat(32),
};

/** A twilio-node client whose every call reaches the emulator at `url`. */
export function twilioAt(url: string, username: string, password: string, accountSid?: string): Twilio {
  return clientAt(url, username, password, accountSid);
}

export interface TokenOverrides {
  ttl?: number;
  apiKey?: string;
  apiSecret?: string;
  serviceSid?: string;
}

/** An Access Token with a ChatGrant for `identity`, signed with the test API key unless overridden. */
export function accessToken(identity: string, overrides: TokenOverrides = {}): string {
  const o = TEST_EMULATOR_OPTIONS;
  return mintToken(
    {
      accountSid: o.accountSid,
      apiKey: overrides.apiKey ?? o.apiKey,
      apiSecret: overrides.apiSecret ?? o.apiSecret,
      conversationsServiceSid: overrides.serviceSid ?? o.conversationsServiceSid,
      tokenTtlSeconds: overrides.ttl ?? 3600,
    },
    identity,
  ).token;
}

export interface EmulatorUnderTest {
  /** Set once the suite's `beforeAll` hook ran. */
  url: string;
  client: Twilio;
}

/**
 * Starts an emulator for the enclosing `describe` with the test credentials (and `overrides`, e.g.
 * a clock), resets it before each test and closes it after the suite. Call it first so its hooks
 * run before the suite's own.
 */
export function useEmulator(overrides: Partial<EmulatorOptions> = {}): EmulatorUnderTest {
  let running: RunningEmulator | undefined;
  const handle = {} as EmulatorUnderTest;
  beforeAll(async () => {
    running = await startEmulator({ ...TEST_EMULATOR_OPTIONS, ...overrides });
    handle.url = running.url;
    handle.client = twilioAt(running.url, TEST_EMULATOR_OPTIONS.accountSid, TEST_EMULATOR_OPTIONS.authToken);
  });
  afterAll(() => running?.close());
  beforeEach(async () => {
    await fetch(`${handle.url}/__emulator/reset`, { method: 'POST' });
  });
  return handle;
}

/** `[status, code]` of the RestException twilio-node rejects `call` with; fails when it succeeds. */
export async function refusal(call: Promise<unknown>): Promise<[number, number]> {
  try {
    await call;
  } catch (error) {
    const { status, code } = error as { status: number; code: number };
    return [status, code];
  }
  throw new Error('expected the Twilio call to fail');
}
