import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalOrigin, DEFAULT_WELCOME_MESSAGE, readConfig } from '../../functions/lib/config';
import { ConfigurationError } from '../../functions/lib/errors';
import { testEnv } from '../support/fixtures';

function configError(env: Record<string, unknown>): ConfigurationError {
  try {
    readConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, `expected a ConfigurationError, got ${String(error)}`);
    return error;
  }
  assert.fail('readConfig accepted a bad environment');
}

describe('configuration', () => {
  it('reads a complete environment with its defaults', () => {
    const env = testEnv();
    delete env.TOKEN_TTL_SECONDS;
    delete env.TOKEN_REFRESH_GRACE_SECONDS;
    delete env.WELCOME_MESSAGE;
    const config = readConfig(env);
    assert.equal(config.accountSid, env.ACCOUNT_SID);
    assert.equal(config.addressSid, env.ADDRESS_SID);
    assert.deepEqual(config.allowedOrigins, ['https://shop.example.com', 'http://localhost:3000']);
    assert.equal(config.tokenTtlSeconds, 3600);
    assert.equal(config.refreshGraceSeconds, 600);
    assert.equal(config.welcomeMessage, DEFAULT_WELCOME_MESSAGE);
    assert.equal(config.apiBaseUrl, null);
  });

  it('names a missing variable', () => {
    const env = testEnv();
    delete env.API_SECRET;
    const error = configError(env);
    assert.equal(error.variable, 'API_SECRET');
    assert.equal(error.status, 500);
    assert.match(error.message, /API_SECRET is not set/);
  });

  it('says so when a Conversations service SID is pasted as the Address SID', () => {
    const error = configError(testEnv({ ADDRESS_SID: `IS${'a'.repeat(32)}` }));
    assert.equal(error.variable, 'ADDRESS_SID');
    assert.match(error.message, /must be a Flex Conversations Address SID/);
    assert.match(error.message, /looks like a Conversations Service SID/);
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
      assert.equal(configError(testEnv({ [variable]: value })).variable, variable);
    });
  }

  it('allows any origin only when "*" is written on its own', () => {
    assert.equal(readConfig(testEnv({ ALLOWED_ORIGINS: '*' })).allowedOrigins, '*');
  });

  it('turns the welcome message off when it is set to nothing', () => {
    assert.equal(readConfig(testEnv({ WELCOME_MESSAGE: '' })).welcomeMessage, '');
  });

  it('points at a local emulator only when TWILIO_API_BASE_URL is set', () => {
    assert.equal(readConfig(testEnv({ TWILIO_API_BASE_URL: 'http://127.0.0.1:3001/' })).apiBaseUrl, 'http://127.0.0.1:3001');
  });
});

describe('origin parsing', () => {
  it('keeps scheme, host and port and nothing else', () => {
    assert.equal(canonicalOrigin('https://Shop.Example.com'), 'https://shop.example.com');
    assert.equal(canonicalOrigin('http://localhost:3000/'), 'http://localhost:3000');
    assert.equal(canonicalOrigin('https://shop.example.com:443'), 'https://shop.example.com');
    assert.equal(canonicalOrigin('https://shop.example.com:8443'), 'https://shop.example.com:8443');
    assert.equal(canonicalOrigin('https://user@shop.example.com'), null);
    assert.equal(canonicalOrigin('ftp://shop.example.com'), null);
    assert.equal(canonicalOrigin('not a url'), null);
  });
});
