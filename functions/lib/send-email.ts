/**
 * Sends one email (a transcript, or a code that proves an address) through SendGrid's v3 Mail Send
 * API with `@sendgrid/mail` (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send):
 * 202 when accepted. Locally (`TWILIO_API_BASE_URL` set) the request goes to the emulator, which
 * keeps it in its outbox, through the client's own `baseUrl` default: nothing else differs from production.
 */
import client from '@sendgrid/client';
import mail from '@sendgrid/mail';
import type { Deadline } from './deadline';
import { UpstreamError } from './errors';
import type { TranscriptEmailConfig } from './transcript-email-config';

export interface OutgoingEmail {
  /** A bare mailbox (email-recipient.ts), never with a display name. */
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** What a failed send carries: axios' error, or SendGrid's ResponseError whose `code` is the HTTP status. */
interface SendFailure {
  code?: unknown;
  message?: unknown;
}

export async function sendEmail(settings: TranscriptEmailConfig, apiBaseUrl: string | null, deadline: Deadline, email: OutgoingEmail): Promise<void> {
  // The package's client is a module-wide singleton: every default is set again right before the
  // send, which reads them synchronously, so a warm instance never mixes two invocations' settings.
  client.setApiKey(settings.sendgridApiKey);
  // setApiKey resets the base URL to SendGrid's, so the emulator's goes after it.
  if (apiBaseUrl !== null) client.setDefaultRequest('baseUrl', apiBaseUrl);
  mail.setClient(client);
  mail.setTimeout(deadline.requestTimeoutMs());
  try {
    // `{email}`, not the string: the helper would read `Name<address>` in a string as a display name.
    const content = email.html === undefined ? { text: email.text } : { text: email.text, html: email.html };
    await mail.send({ to: { email: email.to }, from: { email: settings.fromEmail }, subject: email.subject, ...content });
  } catch (error) {
    const failure = (typeof error === 'object' && error !== null ? error : {}) as SendFailure;
    const status = typeof failure.code === 'number' ? failure.code : undefined;
    const timedOut = failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
    // SendGrid's status goes to the log (401/403: the key is wrong or lacks Mail Send access); never the address.
    throw new UpstreamError(timedOut ? 504 : 502, 'EMAIL_NOT_SENT', 'The email could not be sent. Please try again later.', 'send email (SendGrid)', status, error);
  }
}
