import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { ConfigurationError, WebchatError } from '../../functions/lib/errors';
import { readIdentityConfig, type IdentityConfig } from '../../functions/lib/identity-config';
import { parseIdentityToken, verifyIdentityToken } from '../../functions/lib/visitor-identity';
import { IDENTITY_SECRET, signIdentity, unsignedIdentity } from '../support/identity-token';

const BASE = 'https://twilio-webchat-1234.twil.io';
const API_SECRET = 'the-deployment-api-secret';
const env = { DOMAIN_NAME: 'twilio-webchat-1234.twil.io', VISITOR_IDENTITY_SECRET: IDENTITY_SECRET };
const hs256 = readIdentityConfig(env) as IdentityConfig;
const now = Math.floor(Date.now() / 1000);

async function refusal(config: IdentityConfig, token: string): Promise<WebchatError> {
  try {
    await verifyIdentityToken(config, API_SECRET, token);
  } catch (error) {
    if (error instanceof WebchatError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('identity tokens signed with the deployment\'s secret (HS256)', () => {
  it('vouches for the site\'s user, name and email', async () => {
    const visitor = await verifyIdentityToken(hs256, API_SECRET, await signIdentity(BASE, { sub: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com' }));
    expect(visitor).toStrictEqual({ key: expect.stringMatching(/^[\w-]{43}$/), name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('gives one user the same key every time, another user another, and another deployment another', async () => {
    const key = async (sub: string, config = hs256, secret = API_SECRET) => (await verifyIdentityToken(config, secret, await signIdentity(config.audience, { sub }))).key;
    const other = readIdentityConfig({ ...env, DOMAIN_NAME: 'twilio-webchat-9999.twil.io' }) as IdentityConfig;
    expect(await key('user-42')).toBe(await key('user-42'));
    expect(await key('user-43')).not.toBe(await key('user-42'));
    expect(await key('user-42', other)).not.toBe(await key('user-42'));
    expect(await key('user-42', hs256, 'another-api-secret')).not.toBe(await key('user-42'));
    expect(await key('user-42')).not.toContain('user-42');
  });

  it.each([
    ['another deployment\'s audience', { aud: 'https://twilio-webchat-9999.twil.io' }, /another deployment/],
    ['a path after the origin', { aud: `${BASE}/` }, /another deployment/],
    ['no audience', { aud: undefined }, /"aud"/],
    ['no subject', { sub: undefined }, /"sub"/],
    ['an empty subject', { sub: '' }, /"sub"/],
    ['a subject that is not text', { sub: 42 as unknown as string }, /"sub"/],
    ['a lifetime over 10 minutes', { iat: now - 10, exp: now + 600 }, /longer than 10 minutes/],
    ['an issue time in the future', { iat: now + 120, exp: now + 300 }, /"iat"/],
    ['a start in the future', { nbf: now + 120 }, /not valid yet/],
    ['no expiry', { exp: undefined }, /"exp"/],
    ['no issue time', { iat: undefined }, /"iat"/],
    ['an email that is no address', { email: 'not an address' }, /"email"/],
    ['a name with control characters', { name: 'Ada\u0000' }, /"name"/],
  ])('refuses a token with %s', async (_case, claims, message) => {
    const error = await refusal(hs256, await signIdentity(BASE, { sub: 'user-42', ...claims }));
    expect(error).toMatchObject({ status: 401, code: 'IDENTITY_TOKEN_INVALID', field: 'identityToken' });
    expect(error.message).toMatch(message);
  });

  it('refuses an expired token as expired', async () => {
    const error = await refusal(hs256, await signIdentity(BASE, { sub: 'user-42', iat: now - 400, exp: now - 100 }));
    expect(error).toMatchObject({ status: 401, code: 'IDENTITY_TOKEN_EXPIRED', field: 'identityToken' });
  });

  it('refuses a token signed with another secret', async () => {
    const error = await refusal(hs256, await signIdentity(BASE, { sub: 'user-42' }, 'another-secret-of-the-same-length-0123456789'));
    expect(error.message).toMatch(/signature/);
  });

  it('refuses alg "none" and algorithms the deployment does not accept', async () => {
    expect((await refusal(hs256, unsignedIdentity({ sub: 'user-42', aud: BASE, iat: now, exp: now + 300 }))).message).toMatch(/algorithm \("none"\)/);
    const hs512 = await new SignJWT({ sub: 'user-42', aud: BASE, iat: now, exp: now + 300 }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(IDENTITY_SECRET.repeat(2)));
    expect((await refusal(hs256, hs512)).message).toMatch(/algorithm \("HS512"\) is not accepted here \(HS256\)/);
  });

  it('refuses what is not a JWT, and oversized tokens before reading them', async () => {
    expect((await refusal(hs256, 'hello')).message).toMatch(/not a JWT/);
    expect(() => parseIdentityToken('x'.repeat(4097))).toThrow(/longer than 4096/);
    expect(() => parseIdentityToken(42)).toThrow(/must be a JWT/);
    expect(parseIdentityToken(undefined)).toBeNull();
  });
});

describe('identity tokens signed with the site\'s own keys (RS256, ES256)', () => {
  let rsa: CryptoKey;
  let ec: CryptoKey;
  let jwks: { keys: JWK[] };

  beforeAll(async () => {
    const [r, e] = await Promise.all([generateKeyPair('RS256', { extractable: true }), generateKeyPair('ES256', { extractable: true })]);
    rsa = r.privateKey;
    ec = e.privateKey;
    jwks = { keys: [{ ...(await exportJWK(r.publicKey)), kid: 'rsa', alg: 'RS256' }, { ...(await exportJWK(e.publicKey)), kid: 'ec', alg: 'ES256' }] };
  });

  const signed = (key: CryptoKey, alg: string, kid: string, audience = BASE) =>
    new SignJWT({ sub: 'user-42', aud: audience, iat: now, exp: now + 300 }).setProtectedHeader({ alg, kid }).sign(key);

  it('accepts both from inline public keys, and refuses an HS256 token there', async () => {
    const config = readIdentityConfig({ DOMAIN_NAME: env.DOMAIN_NAME, VISITOR_IDENTITY_PUBLIC_KEYS: JSON.stringify(jwks) }) as IdentityConfig;
    await expect(verifyIdentityToken(config, API_SECRET, await signed(rsa, 'RS256', 'rsa'))).resolves.toMatchObject({ name: null, email: null });
    await expect(verifyIdentityToken(config, API_SECRET, await signed(ec, 'ES256', 'ec'))).resolves.toMatchObject({ name: null });
    expect((await refusal(config, await signIdentity(BASE, { sub: 'user-42' }))).message).toMatch(/algorithm \("HS256"\) is not accepted/);
    expect((await refusal(config, await signed(ec, 'ES256', 'rsa'))).status).toBe(401);
  });

  describe('from a JWKS URL', () => {
    const server = createServer((_request, response) => response.setHeader('Content-Type', 'application/json').end(JSON.stringify(jwks)));
    let url = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches the keys and checks the signature and the audience', async () => {
      const local = 'http://localhost:3000';
      const config = readIdentityConfig({ DOMAIN_NAME: 'localhost:3000', VISITOR_IDENTITY_JWKS_URL: url }) as IdentityConfig;
      await expect(verifyIdentityToken(config, API_SECRET, await signed(rsa, 'RS256', 'rsa', local))).resolves.toMatchObject({ email: null });
      expect((await refusal(config, await signed(rsa, 'RS256', 'rsa'))).message).toMatch(/another deployment/);
    });

    it('takes only https URLs on a deployment', () => {
      expect(() => readIdentityConfig({ ...env, VISITOR_IDENTITY_SECRET: undefined, VISITOR_IDENTITY_JWKS_URL: url })).toThrow(/VISITOR_IDENTITY_JWKS_URL must be an https URL/);
    });
  });
});

describe('identity settings', () => {
  it('takes no signed-in visitors when nothing is set', () => {
    expect(readIdentityConfig({ DOMAIN_NAME: env.DOMAIN_NAME })).toBeNull();
  });

  it.each([
    [{ VISITOR_IDENTITY_SECRET: 'short' }, /VISITOR_IDENTITY_SECRET must be at least 32 characters/],
    [{ VISITOR_IDENTITY_SECRET: IDENTITY_SECRET, VISITOR_IDENTITY_JWKS_URL: 'https://example.com/jwks.json' }, /are both set/],
    [{ VISITOR_IDENTITY_PUBLIC_KEYS: '{"keys": []}' }, /VISITOR_IDENTITY_PUBLIC_KEYS must be a JWKS document/],
    [{ VISITOR_IDENTITY_PUBLIC_KEYS: '{"keys": [{"kty": "EC", "d": "private"}]}' }, /no private "d"/],
    [{ VISITOR_IDENTITY_JWKS_URL: 'not a url' }, /must be a URL/],
  ])('names the variable that is wrong: %j', (settings, message) => {
    expect(() => readIdentityConfig({ DOMAIN_NAME: env.DOMAIN_NAME, ...settings })).toThrow(ConfigurationError);
    expect(() => readIdentityConfig({ DOMAIN_NAME: env.DOMAIN_NAME, ...settings })).toThrow(message);
  });

  it('takes the audience from the runtime\'s domain: https on Twilio, http on this machine', () => {
    expect(readIdentityConfig(env)?.audience).toBe(BASE);
    expect(readIdentityConfig({ ...env, DOMAIN_NAME: 'localhost:3000' })?.audience).toBe('http://localhost:3000');
  });
});
