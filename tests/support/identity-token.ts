/** Identity tokens as a site's backend signs them for its logged-in visitors (README, Signed-in visitors). */
import { SignJWT, type JWTPayload } from 'jose';

export const IDENTITY_SECRET = 'a-test-secret-for-signed-in-visitors-0123456789';

export interface IdentityClaims extends JWTPayload {
  name?: string;
  email?: string;
}

/** HS256 over `secret`, issued now and valid for five minutes unless the claims say otherwise. */
export function signIdentity(audience: string, claims: IdentityClaims, secret = IDENTITY_SECRET, now = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ aud: audience, iat: now, exp: now + 300, ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** A JWT with `alg: none` and no signature, which no deployment may accept. */
export function unsignedIdentity(claims: IdentityClaims): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
