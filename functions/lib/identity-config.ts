/**
 * How this deployment checks the identity tokens sites sign for their logged-in visitors: a shared
 * secret (HS256, VISITOR_IDENTITY_SECRET, which `npm run setup` generates), or the site's public
 * keys (RS256 / ES256) at a JWKS URL (VISITOR_IDENTITY_JWKS_URL) or inline
 * (VISITOR_IDENTITY_PUBLIC_KEYS, a JWKS document). Zendesk and Intercom sign with a shared HS256
 * secret by default; Salesforce and Microsoft take the site's public keys. One of the three, or none:
 * then signed-in visitors are refused by name, never treated as anonymous.
 */
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { text, type Environment } from './config';
import { ConfigurationError } from './errors';

export interface IdentityConfig {
  /** What `aud` must be: the origin the Functions answer on. */
  audience: string;
  /** The secret (HS256) or the site's public keys (RS256, ES256). */
  key: Uint8Array | JWTVerifyGetKey;
  algorithms: readonly string[];
}

/** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash, 256 bits. */
const MIN_SECRET_LENGTH = 32;

/**
 * The deployment's base URL, from the domain Twilio's runtime gives every Function
 * (https://www.twilio.com/docs/serverless/functions-assets/functions/invocation#context-object);
 * served over http only on this machine.
 */
export function deploymentBaseUrl(env: Environment): string {
  const domain = text(env, 'DOMAIN_NAME');
  if (domain === undefined || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(domain)) throw new ConfigurationError('DOMAIN_NAME', 'is not a host name (the runtime sets it)');
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/i.test(domain);
  return `${local ? 'http' : 'https'}://${domain.toLowerCase()}`;
}

function publicKeys(json: string): JWTVerifyGetKey {
  const name = 'VISITOR_IDENTITY_PUBLIC_KEYS';
  let set: unknown;
  try {
    set = JSON.parse(json);
  } catch {
    throw new ConfigurationError(name, 'must be a JWKS document: {"keys": [...]}');
  }
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== 'object' || key === null || 'd' in key)) {
    throw new ConfigurationError(name, 'must be a JWKS document of public keys: {"keys": [...]} (no private "d")');
  }
  return createLocalJWKSet(set as JSONWebKeySet);
}

/** Remote key sets, one per URL, kept by the warm instance so keys are fetched once, not per request. */
const remoteSets = new Map<string, JWTVerifyGetKey>();

function jwksUrl(value: string, audience: string): JWTVerifyGetKey {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError('VISITOR_IDENTITY_JWKS_URL', 'must be a URL like https://www.example.com/.well-known/jwks.json');
  }
  // Keys fetched over plain http could be swapped on the way; only a local stack may use it.
  if (url.protocol !== 'https:' && !audience.startsWith('http://')) throw new ConfigurationError('VISITOR_IDENTITY_JWKS_URL', 'must be an https URL');
  const known = remoteSets.get(url.href);
  if (known !== undefined) return known;
  const keys = createRemoteJWKSet(url, { timeoutDuration: 2_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  remoteSets.set(url.href, keys);
  return keys;
}

/** Null when the deployment takes no signed-in visitors. */
export function readIdentityConfig(env: Environment): IdentityConfig | null {
  const secret = text(env, 'VISITOR_IDENTITY_SECRET');
  const url = text(env, 'VISITOR_IDENTITY_JWKS_URL');
  const inline = text(env, 'VISITOR_IDENTITY_PUBLIC_KEYS');
  const chosen = [secret, url, inline].filter((value) => value !== undefined).length;
  if (chosen === 0) return null;
  if (chosen > 1) {
    throw new ConfigurationError('VISITOR_IDENTITY_SECRET', 'and VISITOR_IDENTITY_JWKS_URL / VISITOR_IDENTITY_PUBLIC_KEYS are both set (set one way of checking identity tokens)');
  }
  const audience = deploymentBaseUrl(env);
  if (secret !== undefined) {
    if (secret.length < MIN_SECRET_LENGTH) throw new ConfigurationError('VISITOR_IDENTITY_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters (npm run setup generates one)`);
    return { audience, key: new TextEncoder().encode(secret), algorithms: ['HS256'] };
  }
  if (url !== undefined) {
    return { audience, key: jwksUrl(url, audience), algorithms: ['RS256', 'ES256'] };
  }
  return { audience, key: publicKeys(inline ?? ''), algorithms: ['RS256', 'ES256'] };
}
