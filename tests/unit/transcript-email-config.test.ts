import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../functions/lib/errors';
import { readTranscriptEmailConfig } from '../../functions/lib/transcript-email-config';
import { readWidgetSettings } from '../../functions/lib/widget-settings';
import { testEnv } from '../support/fixtures';

const KEY = 'SG.abcdefghij0123.klmnopqrstuvwxyz-_0123456789';

function problem(env: Record<string, string>): string {
  try {
    readTranscriptEmailConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.variable;
    throw error;
  }
  return 'accepted';
}

describe('transcript email settings', () => {
  it('are off when neither variable is set, and the widget is not told to offer email', () => {
    expect(readTranscriptEmailConfig(testEnv())).toBe(null);
    expect(readWidgetSettings(testEnv()).transcriptEmail).toBe(undefined);
  });

  it('are on with a SendGrid key and a sender, and webchatConfig says so (never the key)', () => {
    const env = testEnv({ SENDGRID_API_KEY: KEY, TRANSCRIPT_FROM_EMAIL: ' support@example.com ' });
    expect(readTranscriptEmailConfig(env)).toStrictEqual({ sendgridApiKey: KEY, fromEmail: 'support@example.com', maxCodesPerHour: 100 });
    const settings = readWidgetSettings(env);
    expect(settings.transcriptEmail).toBe(true);
    expect(JSON.stringify(settings)).not.toContain('SG.');
    expect(readTranscriptEmailConfig({ ...env, MAX_EMAIL_CODES_PER_HOUR: '250' })?.maxCodesPerHour).toBe(250);
  });

  it('name the variable at fault: one set without the other, a key of another shape, a sender that is no address', () => {
    expect(problem(testEnv({ SENDGRID_API_KEY: KEY }))).toBe('TRANSCRIPT_FROM_EMAIL');
    expect(problem(testEnv({ TRANSCRIPT_FROM_EMAIL: 'support@example.com' }))).toBe('SENDGRID_API_KEY');
    expect(problem(testEnv({ SENDGRID_API_KEY: 'abcdef0123456789abcdef0123456789', TRANSCRIPT_FROM_EMAIL: 'support@example.com' }))).toBe('SENDGRID_API_KEY');
    expect(problem(testEnv({ SENDGRID_API_KEY: KEY, TRANSCRIPT_FROM_EMAIL: 'Support <support@example.com>' }))).toBe('TRANSCRIPT_FROM_EMAIL');
    expect(problem(testEnv({ SENDGRID_API_KEY: KEY, TRANSCRIPT_FROM_EMAIL: 'support@example.com', MAX_EMAIL_CODES_PER_HOUR: '0' }))).toBe('MAX_EMAIL_CODES_PER_HOUR');
  });
});
