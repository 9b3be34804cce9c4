/**
 * The optional transcript email's settings: a SendGrid API key and the sender address. Both or
 * neither: one without the other is a mistake the site owner should hear about, by name, on the
 * first request (like every setting in config.ts), not a feature that silently stays off.
 */
import { EMAIL } from '../../contract/pre-engagement-rules';
import { integer, text, type Environment } from './config';
import { ConfigurationError } from './errors';

export interface TranscriptEmailConfig {
  sendgridApiKey: string;
  /** A bare address, verified as a sender in SendGrid. */
  fromEmail: string;
  /** The deployment's ceiling on codes emailed per hour to prove visitors' addresses (email-code-limits.ts). */
  maxCodesPerHour: number;
}

/**
 * SendGrid keys are `SG.` + key id + `.` + secret (https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys).
 * Checking the shape catches a pasted Twilio secret or a key with a line break in it.
 */
const SENDGRID_KEY = /^SG\.[\w-]{10,}\.[\w-]{10,}$/;

/** Null when transcript emails are off (neither variable set). */
export function readTranscriptEmailConfig(env: Environment): TranscriptEmailConfig | null {
  const sendgridApiKey = text(env, 'SENDGRID_API_KEY');
  const fromEmail = text(env, 'TRANSCRIPT_FROM_EMAIL');
  if (sendgridApiKey === undefined && fromEmail === undefined) return null;
  if (sendgridApiKey === undefined) throw new ConfigurationError('SENDGRID_API_KEY', 'is not set, but TRANSCRIPT_FROM_EMAIL is (set both to email transcripts, or neither)');
  if (fromEmail === undefined) throw new ConfigurationError('TRANSCRIPT_FROM_EMAIL', 'is not set, but SENDGRID_API_KEY is (set both to email transcripts, or neither)');
  if (!SENDGRID_KEY.test(sendgridApiKey)) throw new ConfigurationError('SENDGRID_API_KEY', 'must be a SendGrid API key ("SG." followed by the key id, a dot and the secret)');
  if (!EMAIL.test(fromEmail)) throw new ConfigurationError('TRANSCRIPT_FROM_EMAIL', 'must be an email address like support@example.com (a sender verified in SendGrid)');
  return { sendgridApiKey, fromEmail, maxCodesPerHour: integer(env, 'MAX_EMAIL_CODES_PER_HOUR', 100, 1, 10000) };
}
