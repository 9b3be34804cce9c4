/**
 * Sends one transcript email through SendGrid's v3 Mail Send API with `@sendgrid/mail`
 * (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send): 202 when accepted.
 * Locally (`TWILIO_API_BASE_URL` set) the request goes to the emulator, which keeps it in its
 * outbox, through the client's own `baseUrl` default: nothing else differs from production.
 */
import client from '@sendgrid/client';
import mail from '@sendgrid/mail';
import type { Deadline } from './deadline';
import { UpstreamError } from './errors';
import type { TranscriptEmailConfig } from './transcript-email-config';

export interface TranscriptEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What a failed send carries: axios' error, or SendGrid's ResponseError whose `code` is the HTTP status. */
interface SendFailure {
  code?: unknown;
  message?: unknown;
}

export async function sendTranscriptEmail(settings: TranscriptEmailConfig, apiBaseUrl: string | null, deadline: Deadline, email: TranscriptEmail): Promise<void> {
  // The package's client is a module-wide singleton: every default is set again right before the
  // send, which reads them synchronously, so a warm instance never mixes two invocations' settings.
  client.setApiKey(settings.sendgridApiKey);
  // setApiKey resets the base URL to SendGrid's, so the emulator's goes after it.
  if (apiBaseUrl !== null) client.setDefaultRequest('baseUrl', apiBaseUrl);
  mail.setClient(client);
  mail.setTimeout(deadline.requestTimeoutMs());
  try {
    await mail.send({ to: email.to, from: settings.fromEmail, subject: email.subject, text: email.text, html: email.html });
  } catch (error) {
    const failure = (typeof error === 'object' && error !== null ? error : {}) as SendFailure;
    const status = typeof failure.code === 'number' ? failure.code : undefined;
    const timedOut = failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
    // SendGrid's status goes to the log (401/403: the key is wrong or lacks Mail Send access); never the address.
    throw new UpstreamError(timedOut ? 504 : 502, 'EMAIL_NOT_SENT', 'The transcript could not be emailed. Please try again later.', 'send transcript email (SendGrid)', status, error);
  }
}
