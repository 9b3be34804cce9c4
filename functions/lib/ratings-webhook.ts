/**
 * RATINGS_WEBHOOK_URL (optional): each rating is POSTed there as JSON, signed in
 * `X-Webchat-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact body under
 * RATINGS_WEBHOOK_SECRET, so the receiver can tell it came from this deployment. Tried twice at
 * most, each try bounded, and a failure is only logged: the visitor's rating is recorded already.
 */
import { createHmac } from 'node:crypto';
import { text, type Environment } from './config';
import { ConfigurationError } from './errors';
import type { Logger } from './logger';

/** Short: the visitor's answer waits for these tries, and a Function has 10 seconds in all. */
const TRY_TIMEOUT_MS = 1_500;
const TRIES = 2;

export interface RatingsWebhook {
  url: string;
  secret: string;
}

export function readRatingsWebhook(env: Environment): RatingsWebhook | null {
  const url = text(env, 'RATINGS_WEBHOOK_URL');
  if (url === undefined) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Reported below.
  }
  // Plain http only on this machine (a local receiver while developing): ratings hold what visitors wrote.
  const loopback = parsed?.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost');
  if (parsed === null || !(parsed.protocol === 'https:' || loopback)) throw new ConfigurationError('RATINGS_WEBHOOK_URL', 'must be an https:// URL');
  const secret = text(env, 'RATINGS_WEBHOOK_SECRET');
  if (secret === undefined || secret.length < 16) throw new ConfigurationError('RATINGS_WEBHOOK_SECRET', 'must be at least 16 characters when RATINGS_WEBHOOK_URL is set');
  return { url, secret };
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function postRatingWebhook(webhook: RatingsWebhook | null, record: object, log: Logger): Promise<void> {
  if (webhook === null) return;
  const body = JSON.stringify(record);
  for (let attempt = 1; attempt <= TRIES; attempt += 1) {
    try {
      const answer = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Webchat-Signature': signature(webhook.secret, body) },
        body,
        signal: AbortSignal.timeout(TRY_TIMEOUT_MS),
      });
      if (answer.ok) return;
      log.warn('ratings webhook refused the rating', { status: answer.status, attempt });
    } catch {
      log.warn('ratings webhook did not answer', { attempt });
    }
  }
}
