/**
 * The identity token a site signs for its logged-in visitor: a JWT with `sub` (the site's user
 * id), optional `name` and `email`, `iat`, `exp` at most 10 minutes after it, and `aud` = this
 * deployment's base URL, so a token made for one deployment (or one leaked from another product)
 * is worth nothing here. Checked with jose against the deployment's secret or the site's public
 * keys (identity-config.ts); every other token is refused with a 401 that says why.
 *
 * The visitor's key is a keyed hash of the audience and `sub`: stable for that user on this
 * deployment, different on any other, and it does not give the site's user id away to agents or
 * to anyone who reads Twilio.
 */
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { LIMITS } from '../../contract/limits';
import { CONTROL_SINGLE_LINE, EMAIL } from '../../contract/pre-engagement-rules';
import type { IdentityConfig } from './identity-config';
import { WebchatError } from './errors';
import { keyedHash } from './keyed-hash';

/** A site's token with a few claims and an RSA signature is well under 2 KB. */
export const MAX_IDENTITY_TOKEN_LENGTH = 4096;
/** The longest a token may live (`exp` − `iat`): a stolen one is soon useless. */
export const MAX_IDENTITY_TOKEN_SECONDS = 600;
/** Clocks of the site's server and Twilio's may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_SUB_LENGTH = 256;

/** What the site vouches for. */
export interface SignedInVisitor {
  /** Keyed hash of `sub` on this deployment: the visitor's key in Sync, `customer_id` in Flex. */
  key: string;
  name: string | null;
  email: string | null;
}

const FIELD = 'identityToken';

/** Keys only the Functions write in `pre_engagement_data`: a form field by these names could pass for the site's word. */
export const VERIFIED_FIELDS: readonly string[] = ['customer_id', 'verified'];

export function identityRefused(message: string): WebchatError {
  return new WebchatError(401, 'IDENTITY_TOKEN_INVALID', `The identity token was refused: ${message}`, { field: FIELD });
}

/** The token's text, shape-checked before any parsing. */
export function parseIdentityToken(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '') throw identityRefused('it must be a JWT (text).');
  if (value.length > MAX_IDENTITY_TOKEN_LENGTH) throw identityRefused(`it is longer than ${MAX_IDENTITY_TOKEN_LENGTH} characters.`);
  return value.trim();
}

function optionalText(payload: JWTPayload, claim: 'name' | 'email', max: number): string | null {
  const value = payload[claim];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max || CONTROL_SINGLE_LINE.test(value)) {
    throw identityRefused(`"${claim}" must be text of at most ${max} characters.`);
  }
  return value.trim() || null;
}

function refusalOf(error: unknown, config: IdentityConfig): WebchatError {
  // The site's key set could not be fetched (a timeout, a network failure): not the visitor's fault.
  if (error instanceof joseErrors.JWKSTimeout || (typeof config.key === 'function' && !(error instanceof joseErrors.JOSEError))) {
    return new WebchatError(503, 'IDENTITY_KEYS_UNAVAILABLE', "The site's public keys could not be fetched; try again in a moment.", { retryAfterSeconds: 5 });
  }
  if (error instanceof joseErrors.JWTExpired) {
    return new WebchatError(401, 'IDENTITY_TOKEN_EXPIRED', 'The identity token has expired: get a new one from the site.', { field: FIELD });
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return identityRefused(`it is for another deployment ("aud" must be ${config.audience}).`);
    if (error.claim === 'nbf') return identityRefused('it is not valid yet ("nbf" is in the future).');
    if (error.claim === 'iat') return identityRefused('"iat" is in the future or too long ago.');
    return identityRefused(`the "${error.claim}" claim is missing or wrong.`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return identityRefused('its algorithm is not one this deployment accepts.');
  if (error instanceof joseErrors.JWKSNoMatchingKey) return identityRefused('no key of the site matches its "kid".');
  return identityRefused('it is malformed or its signature is not valid.');
}

/** Verifies the site's token and answers who the visitor is; refuses every other token (401). */
export async function verifyIdentityToken(config: IdentityConfig, apiSecret: string, token: string, now = new Date()): Promise<SignedInVisitor> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw identityRefused('it is not a JWT.');
  }
  // `none` and anything the deployment did not choose are refused before any key is looked up.
  if (typeof alg !== 'string' || !config.algorithms.includes(alg)) {
    throw identityRefused(`its algorithm ("${String(alg).slice(0, 10)}") is not accepted here (${config.algorithms.join(', ')}).`);
  }
  let payload: JWTPayload;
  try {
    // Two calls for jwtVerify's two overloads: a key, or a function that finds one in a key set.
    const checks = verifyOptions(config, now);
    ({ payload } = await (typeof config.key === 'function' ? jwtVerify(token, config.key, checks) : jwtVerify(token, config.key, checks)));
  } catch (error) {
    throw refusalOf(error, config);
  }
  const { sub, iat, exp } = payload;
  if (typeof sub !== 'string' || sub === '' || sub.length > MAX_SUB_LENGTH || CONTROL_SINGLE_LINE.test(sub)) {
    throw identityRefused(`"sub" must be the site's user id (text of 1 to ${MAX_SUB_LENGTH} characters).`);
  }
  if ((exp ?? 0) - (iat ?? 0) > MAX_IDENTITY_TOKEN_SECONDS) {
    throw identityRefused(`it lives longer than ${MAX_IDENTITY_TOKEN_SECONDS / 60} minutes ("exp" − "iat").`);
  }
  const name = optionalText(payload, 'name', LIMITS.friendlyName);
  const email = optionalText(payload, 'email', LIMITS.email);
  if (email !== null && !EMAIL.test(email)) throw identityRefused('"email" must be an address like name@example.com.');
  return { key: keyedHash(apiSecret, 'signed-in visitor v1', `${config.audience}\n${sub}`), name, email };
}

function verifyOptions(config: IdentityConfig, now: Date): JWTVerifyOptions {
  return {
    algorithms: [...config.algorithms],
    audience: config.audience,
    requiredClaims: ['sub', 'iat', 'exp'],
    maxTokenAge: MAX_IDENTITY_TOKEN_SECONDS,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    currentDate: now,
  };
}
