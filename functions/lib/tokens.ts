import twilio from 'twilio';
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import type { FunctionsConfig } from './config';
import { WebchatError } from './errors';

export interface IssuedToken {
  token: string;
  /** ISO 8601. */
  expiration: string;
}

type TokenConfig = Pick<FunctionsConfig, 'accountSid' | 'apiKey' | 'apiSecret' | 'conversationsServiceSid'>;

/** An Access Token for `identity` with a Chat grant on the Conversations service. */
export function mintToken(config: TokenConfig & Pick<FunctionsConfig, 'tokenTtlSeconds'>, identity: string): IssuedToken {
  const { AccessToken } = twilio.jwt;
  const accessToken = new AccessToken(config.accountSid, config.apiKey, config.apiSecret, {
    identity,
    ttl: config.tokenTtlSeconds,
  });
  accessToken.addGrant(new AccessToken.ChatGrant({ serviceSid: config.conversationsServiceSid }));
  const token = accessToken.toJwt();
  // Read the expiry from the token itself so the answer can never disagree with it.
  const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
  return { token, expiration: new Date(expiresAt).toISOString() };
}

/** What a verified token says about its holder. */
export interface VerifiedToken {
  identity: string;
  expiresAt: Date;
}

function invalid(message: string): WebchatError {
  return new WebchatError(401, 'TOKEN_INVALID', message);
}

/**
 * Accepts only tokens this deployment issued: signed with our API secret, issued by our API key
 * for our account, with a chat grant on our service and an identity. An expired token passes only
 * inside the grace window.
 */
export async function verifyToken(
  config: TokenConfig & Pick<FunctionsConfig, 'refreshGraceSeconds'>,
  token: string,
  now = new Date(),
): Promise<VerifiedToken> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(config.apiSecret), {
      algorithms: ['HS256'],
      issuer: config.apiKey,
      subject: config.accountSid,
      requiredClaims: ['exp'],
      currentDate: now,
      clockTolerance: config.refreshGraceSeconds,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new WebchatError(401, 'TOKEN_EXPIRED', 'The token expired too long ago to be renewed: start a new chat.');
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw invalid(`The token was not issued by this chat (${error.claim} does not match).`);
    }
    throw invalid('The token is malformed or its signature is not valid.');
  }
  const grants = payload.grants as { identity?: unknown; chat?: { service_sid?: unknown } } | undefined;
  if (typeof grants?.identity !== 'string' || grants.identity === '') {
    throw invalid('The token has no identity.');
  }
  if (grants.chat?.service_sid !== config.conversationsServiceSid) {
    throw invalid('The token is not for this chat service.');
  }
  return { identity: grants.identity, expiresAt: new Date((payload.exp ?? 0) * 1000) };
}
