import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { SignJWT } from 'jose';
import { readConfig } from '../../functions/lib/config';
import { WebchatError } from '../../functions/lib/errors';
import { mintToken, verifyToken } from '../../functions/lib/tokens';
import { testEnv } from '../support/fixtures';

const config = readConfig(testEnv());
const identity = fc.string({ minLength: 1, maxLength: 256 });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

async function refusal(token: string): Promise<WebchatError> {
  try {
    await verifyToken(config, token);
  } catch (error) {
    if (error instanceof WebchatError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('token verification (properties)', () => {
  test.prop([identity])('gives back the identity of every token it minted', async (who) => {
    const { token, expiration } = mintToken(config, who);
    const verified = await verifyToken(config, token);
    expect(verified.identity).toBe(who);
    expect(verified.expiresAt.toISOString()).toBe(expiration);
  });

  test.prop([identity, fc.nat(), fc.integer({ min: 1, max: 63 })])(
    'refuses a minted token with any character of its header or claims changed',
    async (who, position, shift) => {
      const { token } = mintToken(config, who);
      const signed = token.slice(0, token.lastIndexOf('.'));
      const at = position % signed.length;
      fc.pre(signed[at] !== '.');
      const original = BASE64URL.indexOf(signed[at] ?? '');
      const changed = `${signed.slice(0, at)}${BASE64URL[(original + shift) % 64]}${token.slice(at + 1)}`;
      expect((await refusal(changed)).status).toBe(401);
    },
  );

  test.prop([identity, fc.string({ minLength: 1, maxLength: 64 })])('refuses tokens signed with any other secret', async (who, secret) => {
    fc.pre(secret !== config.apiSecret);
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ grants: { identity: who, chat: { service_sid: config.conversationsServiceSid } } })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
      .setIssuer(config.apiKey)
      .setSubject(config.accountSid)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(secret));
    expect(await refusal(forged)).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
  });

  test.prop([fc.oneof(fc.string(), fc.array(fc.base64String(), { minLength: 3, maxLength: 3 }).map((parts) => parts.join('.')))])(
    'answers anything that is not its token with 401, never another error',
    async (garbage) => {
      expect(await refusal(garbage)).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    },
  );
});
