/**
 * Tells the site owner about a flood without a line per request: at most once a minute per warm
 * instance, how many starts the ceiling refused and admitted since the last report, and, without
 * a captcha, that one would let visitors through.
 */
import type { FunctionsConfig } from './config';
import type { Logger } from './logger';

const REPORT_EVERY_MS = 60_000;

let admitted = 0;
let refused = 0;
let lastReport: number | null = null;

export function countAdmitted(): void {
  admitted += 1;
}

export function countRefused(config: Pick<FunctionsConfig, 'captcha' | 'maxNewChatsPerMinute'>, log: Logger, now: Date): void {
  refused += 1;
  if (lastReport !== null && now.getTime() - lastReport < REPORT_EVERY_MS) return;
  log.warn('chat starts refused by MAX_NEW_CHATS_PER_MINUTE', {
    refused,
    admitted,
    sinceSeconds: lastReport === null ? null : Math.round((now.getTime() - lastReport) / 1000),
    ceilingPerMinute: config.maxNewChatsPerMinute,
    ...(config.captcha === null ? { advice: 'set CAPTCHA_PROVIDER, CAPTCHA_SITE_KEY and CAPTCHA_SECRET_KEY: visitors who pass the captcha then start chats during a flood' } : {}),
  });
  admitted = 0;
  refused = 0;
  lastReport = now.getTime();
}
