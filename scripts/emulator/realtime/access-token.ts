/**
 * Twilio Access Tokens as the realtime side sees them: HS256 JWTs signed with the API secret,
 * issuer = API key, subject = account sid, `grants.identity` and `grants.chat.service_sid`
 * (what twilio-node's AccessToken + ChatGrant produce). The emulator also mints them for the desk.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { TwilioError } from '../twilio-errors';

export interface TokenAuthority {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  serviceSid: string;
}

/** Who presents a valid Access Token: the identity it grants and when it expires. */
export interface AccessTokenBearer {
  identity: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const secretKey = (authority: TokenAuthority): Uint8Array => new TextEncoder().encode(authority.apiSecret);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Verifies signature, issuer, subject, expiry and the chat grant; throws Twilio's 201xx errors. */
export async function verifyAccessToken(token: string, authority: TokenAuthority): Promise<AccessTokenBearer> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretKey(authority), {
      algorithms: ['HS256'],
      issuer: authority.apiKey,
      subject: authority.accountSid,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TwilioError(401, 20104, 'Access token expired or expiration date invalid');
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new TwilioError(401, 20107, 'Invalid access token signature');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw new TwilioError(401, 20103, 'Invalid access token issuer/subject');
    throw new TwilioError(401, 20101, 'Invalid access token');
  }
  const grants = record(payload.grants);
  const identity = grants.identity;
  if (typeof identity !== 'string' || identity === '' || record(grants.chat).service_sid !== authority.serviceSid) {
    throw new TwilioError(401, 20106, 'Invalid access token grants');
  }
  return { identity, expiresAt: Number(payload.exp) };
}

/** A token shaped like twilio-node's AccessToken with a ChatGrant (used for the agent desk). */
export async function mintAccessToken(authority: TokenAuthority, identity: string, ttlSeconds: number): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + ttlSeconds;
  const token = await new SignJWT({ grants: { identity, chat: { service_sid: authority.serviceSid } } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
    .setJti(`${authority.apiKey}-${now}`)
    .setIssuer(authority.apiKey)
    .setSubject(authority.accountSid)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(secretKey(authority));
  return { token, expiresAt };
}
