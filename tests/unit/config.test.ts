import { describe, expect, it } from '@jest/globals';
import { canonicalOrigin } from '../../contract/origin';
import { readConfig } from '../../functions/lib/config';
import { DEFAULT_WELCOME_MESSAGE } from '../../functions/lib/welcome';
import { ConfigurationError } from '../../functions/lib/errors';
import { testEnv } from '../support/fixtures';

function configError(env: Record<string, unknown>): ConfigurationError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('readConfig accepted a bad environment');
}

describe('configuration', () => {
  it('reads a complete environment with its defaults', () => {
    const env = testEnv();
    delete env.TOKEN_TTL_SECONDS;
    delete env.TOKEN_REFRESH_GRACE_SECONDS;
    delete env.WELCOME_MESSAGE;
    const config = readConfig(env);
    expect(config.accountSid).toBe(env.ACCOUNT_SID);
    expect(config.addressSid).toBe(env.ADDRESS_SID);
    expect(config.allowedOrigins).toStrictEqual(['https://shop.example.com', 'http://localhost:3000']);
    expect(config.tokenTtlSeconds).toBe(3600);
    expect(config.refreshGraceSeconds).toBe(600);
    expect(config.welcomeMessage).toBe(DEFAULT_WELCOME_MESSAGE);
    expect(config.apiBaseUrl).toBe(null);
  });

  it('names a missing variable', () => {
    const env = testEnv();
    delete env.API_SECRET;
    const error = configError(env);
    expect(error.variable).toBe('API_SECRET');
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/API_SECRET is not set/);
  });

  it('says so when a Conversations service SID is pasted as the Address SID', () => {
    const error = configError(testEnv({ ADDRESS_SID: `IS${'a'.repeat(32)}` }));
    expect(error.variable).toBe('ADDRESS_SID');
    expect(error.message).toMatch(/must be a Flex Conversations Address SID/);
    expect(error.message).toMatch(/looks like a Conversations Service SID/);
  });

  for (const [variable, value] of [
    ['ACCOUNT_SID', 'AC123'],
    ['API_KEY', `AC${'0'.repeat(32)}`],
    ['CONVERSATIONS_SERVICE_SID', `IG${'0'.repeat(32)}`],
    ['AUTH_TOKEN', 'short'],
    ['TOKEN_TTL_SECONDS', '10'],
    ['TOKEN_TTL_SECONDS', 'an hour'],
    ['TOKEN_REFRESH_GRACE_SECONDS', '-1'],
    ['ALLOWED_ORIGINS', 'shop.example.com'],
    ['ALLOWED_ORIGINS', 'https://shop.example.com/checkout'],
    ['ALLOWED_ORIGINS', 'https://a.example.com,*'],
    ['ALLOWED_ORIGINS', ''],
    ['TWILIO_API_BASE_URL', 'localhost:3001'],
  ] as const) {
    it(`refuses ${variable}=${JSON.stringify(value)} and names the variable`, () => {
      expect(configError(testEnv({ [variable]: value })).variable).toBe(variable);
    });
  }

  it('allows any origin only when "*" is written on its own', () => {
    expect(readConfig(testEnv({ ALLOWED_ORIGINS: '*' })).allowedOrigins).toBe('*');
  });

  it('turns the welcome message off when it is set to nothing', () => {
    expect(readConfig(testEnv({ WELCOME_MESSAGE: '' })).welcomeMessage).toBe('');
  });

  it('points at a local emulator only when TWILIO_API_BASE_URL is set', () => {
    expect(readConfig(testEnv({ TWILIO_API_BASE_URL: 'http://127.0.0.1:3001/' })).apiBaseUrl).toBe('http://127.0.0.1:3001');
  });
});

describe('origin parsing', () => {
  it('keeps scheme, host and port and nothing else', () => {
    expect(canonicalOrigin('https://Shop.Example.com')).toBe('https://shop.example.com');
    expect(canonicalOrigin('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(canonicalOrigin('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(canonicalOrigin('https://shop.example.com:8443')).toBe('https://shop.example.com:8443');
    expect(canonicalOrigin('https://user@shop.example.com')).toBe(null);
    expect(canonicalOrigin('ftp://shop.example.com')).toBe(null);
    expect(canonicalOrigin('not a url')).toBe(null);
  });
});
