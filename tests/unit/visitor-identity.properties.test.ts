import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { CONTROL_SINGLE_LINE } from '../../contract/pre-engagement-rules';
import { WebchatError } from '../../functions/lib/errors';
import { readIdentityConfig, type IdentityConfig } from '../../functions/lib/identity-config';
import { MAX_IDENTITY_TOKEN_SECONDS, verifyIdentityToken } from '../../functions/lib/visitor-identity';
import { IDENTITY_SECRET, signIdentity } from '../support/identity-token';

const config = readIdentityConfig({ DOMAIN_NAME: 'twilio-webchat-1234.twil.io', VISITOR_IDENTITY_SECRET: IDENTITY_SECRET }) as IdentityConfig;
const API_SECRET = 'the-deployment-api-secret';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// A site's user id: any text without control characters.
const sub = fc.string({ minLength: 1, maxLength: 256, unit: 'grapheme' }).filter((text) => !CONTROL_SINGLE_LINE.test(text));

async function refusal(token: string): Promise<WebchatError> {
  try {
    await verifyIdentityToken(config, API_SECRET, token);
  } catch (error) {
    if (error instanceof WebchatError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('identity token verification (properties)', () => {
  test.prop([sub, sub])('gives each user one key, and different users different keys', async (one, other) => {
    const key = async (who: string) => (await verifyIdentityToken(config, API_SECRET, await signIdentity(config.audience, { sub: who }))).key;
    const first = await key(one);
    expect(await key(one)).toBe(first);
    if (one !== other) expect(await key(other)).not.toBe(first);
  });

  test.prop([fc.integer({ min: 60, max: 3600 }), fc.integer({ min: -20, max: 20 })])(
    'accepts a token living at most 10 minutes, refuses a longer one',
    async (lifetime, issuedAgo) => {
      const now = Math.floor(Date.now() / 1000);
      const iat = now + issuedAgo;
      const token = await signIdentity(config.audience, { sub: 'user-42', iat, exp: iat + lifetime });
      if (lifetime <= MAX_IDENTITY_TOKEN_SECONDS) await expect(verifyIdentityToken(config, API_SECRET, token)).resolves.toHaveProperty('key');
      else expect(await refusal(token)).toMatchObject({ status: 401, code: 'IDENTITY_TOKEN_INVALID' });
    },
  );

  test.prop([fc.nat(), fc.integer({ min: 1, max: 63 })])('refuses a signed token with any character of its header, claims or signature changed', async (position, shift) => {
    const token = await signIdentity(config.audience, { sub: 'user-42', name: 'Ada', email: 'ada@example.com' });
    const at = position % token.length;
    // The signature's last character carries unused bits (43 characters for 32 bytes): those change nothing signed.
    fc.pre(token[at] !== '.' && at !== token.length - 1);
    const changed = `${token.slice(0, at)}${BASE64URL[(BASE64URL.indexOf(token[at] ?? '') + shift) % 64]}${token.slice(at + 1)}`;
    expect((await refusal(changed)).status).toBe(401);
  });

  test.prop([fc.string({ minLength: 32, maxLength: 64 })])('refuses tokens signed with any other secret', async (secret) => {
    fc.pre(secret !== IDENTITY_SECRET);
    expect(await refusal(await signIdentity(config.audience, { sub: 'user-42' }, secret))).toMatchObject({ status: 401, code: 'IDENTITY_TOKEN_INVALID' });
  });

  test.prop([fc.webUrl({ withQueryParameters: true, withFragments: true })])('refuses every audience but the deployment\'s own', async (audience) => {
    fc.pre(audience !== config.audience);
    expect((await refusal(await signIdentity(audience, { sub: 'user-42' }))).message).toMatch(/another deployment/);
  });

  test.prop([fc.oneof(fc.string(), fc.array(fc.base64String(), { minLength: 3, maxLength: 3 }).map((parts) => parts.join('.')), fc.json().map((json) => `${Buffer.from(json).toString('base64url')}.e30.`))])(
    'answers anything that is not a good token with 401, never another error',
    async (garbage) => {
      expect(await refusal(garbage)).toMatchObject({ status: 401, field: 'identityToken' });
    },
  );
});
