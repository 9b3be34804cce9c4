import { describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { readConfig } from '../../functions/lib/config';
import { mintToken, verifyToken } from '../../functions/lib/tokens';
import { testEnv } from '../support/fixtures';

const config = readConfig(testEnv());
const secret = new TextEncoder().encode(config.apiSecret);

/** A token shaped like Twilio's, with chosen claims, for the cases mintToken never produces. */
function forge(claims: Record<string, unknown>, key = secret): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ grants: { identity: 'visitor-1', chat: { service_sid: config.conversationsServiceSid } }, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    .setIssuer(config.apiKey)
    .setSubject(config.accountSid)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}

describe('access tokens', () => {
  it('carries the identity, a chat grant for the service, issuer SK… and subject AC…', () => {
    const before = Date.now();
    const { token, expiration } = mintToken(config, 'visitor-1');
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt<{ grants: { identity: string; chat: { service_sid: string } } }>(token);
    expect(header.alg).toBe('HS256');
    expect(header.cty).toBe('twilio-fpa;v=1');
    expect(payload.iss).toBe(config.apiKey);
    expect(payload.sub).toBe(config.accountSid);
    expect(payload.grants.identity).toBe('visitor-1');
    expect(payload.grants.chat).toStrictEqual({ service_sid: config.conversationsServiceSid });
    expect(new Date(expiration).getTime()).toBe((payload.exp ?? 0) * 1000);
    expect((payload.exp ?? 0) * 1000 >= before + 3599_000).toBeTruthy();
  });

  it('verifies a token it issued', async () => {
    const { token } = mintToken(config, 'visitor-1');
    const verified = await verifyToken(config, token);
    expect(verified.identity).toBe('visitor-1');
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await forge({}, new TextEncoder().encode('not the secret'));
    await expect(verifyToken(config, forged)).rejects.toThrow(expect.objectContaining({ status: 401, code: 'TOKEN_INVALID', message: expect.stringMatching(/signature/) }));
  });

  it('refuses a token of another account or API key', async () => {
    const foreign = readConfig(testEnv({ API_SECRET: config.apiSecret }));
    const { token } = mintToken(foreign, 'visitor-1');
    await expect(verifyToken(config, token)).rejects.toThrow(expect.objectContaining({ status: 401, code: 'TOKEN_INVALID', message: expect.stringMatching(/not issued by this chat/) }));
  });

  it('refuses a token for another Conversations service or without an identity', async () => {
    await expect(verifyToken(config, await forge({ grants: { identity: 'v', chat: { service_sid: `IS${'1'.repeat(32)}` } } }))).rejects.toThrow(expect.objectContaining({ code: 'TOKEN_INVALID', message: expect.stringMatching(/not for this chat service/) }));
    await expect(verifyToken(config, await forge({ grants: { chat: { service_sid: config.conversationsServiceSid } } }))).rejects.toThrow(expect.objectContaining({ code: 'TOKEN_INVALID', message: expect.stringMatching(/no identity/) }));
  });

  it('refuses malformed tokens and other algorithms', async () => {
    await expect(verifyToken(config, 'not.a.jwt')).rejects.toThrow(expect.objectContaining({ status: 401, code: 'TOKEN_INVALID' }));
    await expect(verifyToken(config, '')).rejects.toThrow(expect.objectContaining({ status: 401, code: 'TOKEN_INVALID' }));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    await expect(verifyToken(config, unsigned)).rejects.toThrow(expect.objectContaining({ status: 401, code: 'TOKEN_INVALID' }));
  });

  it('renews an expired token inside the grace window only', async () => {
    const { token } = mintToken(config, 'visitor-1');
    const exp = (decodeJwt(token).exp ?? 0) * 1000;
    const insideGrace = new Date(exp + (config.refreshGraceSeconds - 5) * 1000);
    const afterGrace = new Date(exp + (config.refreshGraceSeconds + 5) * 1000);
    expect((await verifyToken(config, token, insideGrace)).identity).toBe('visitor-1');
    await expect(verifyToken(config, token, afterGrace)).rejects.toThrow(expect.objectContaining({ status: 401, code: 'TOKEN_EXPIRED' }));
  });
});
