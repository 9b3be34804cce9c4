/**
 * SendGrid's v3 Mail Send API, as much of it as the emailTranscript Function uses, so transcripts
 * can be emailed locally with no account and no network: the mail lands in the outbox
 * (store/outbox.ts). Shapes from SendGrid's documentation:
 *   https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send
 *   - `POST /v3/mail/send`, `Authorization: Bearer <API key>`, a JSON body with `personalizations`
 *     (1 to 1,000, each with 1 or more `to` addresses, `{email, name?}`), `from.email`, `subject` (top level or in
 *     every personalization) and `content` (at least one `{type, value}`);
 *   - 202 with an empty body when accepted;
 *   - failures as `{errors: [{message, field, help}]}`: 400 for a malformed request, 401 without
 *     valid credentials, 413 for a body over 30 MB (the documented limit of the whole email).
 * Any key of SendGrid's shape (`SG.<id>.<secret>`) is accepted: the emulator has no SendGrid account.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../http-io';
import type { Outbox } from '../store/outbox';

const MAX_BODY_BYTES = 30 * 1024 * 1024;
const BEARER = /^Bearer SG\.[\w-]+\.[\w-]+$/;

interface SendGridErrorItem {
  message: string;
  field: string | null;
  help: string | null;
}

function fail(response: ServerResponse, status: number, errors: SendGridErrorItem[]): void {
  sendJson(response, status, { errors });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each `{email, name?}` as a mail client shows it: `Name <address>` when a display name was sent. */
function addresses(list: unknown): string[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const emails = list.map((entry) => {
    if (!isObject(entry) || typeof entry.email !== 'string' || !entry.email.includes('@')) return null;
    return typeof entry.name === 'string' && entry.name !== '' ? `${entry.name} <${entry.email}>` : entry.email;
  });
  return emails.every((email): email is string => email !== null) ? emails : null;
}

/** The body's problems, in SendGrid's words, or the email to keep. */
function checkMail(body: unknown): SendGridErrorItem[] | { to: string[]; from: string; subject: string; text: string | null; html: string | null } {
  if (!isObject(body)) return [{ message: 'Bad Request', field: null, help: null }];
  const errors: SendGridErrorItem[] = [];
  const personalizations = Array.isArray(body.personalizations) ? body.personalizations : [];
  const recipients = personalizations.map((entry) => (isObject(entry) ? addresses(entry.to) : null));
  if (personalizations.length === 0 || personalizations.length > 1000) {
    errors.push({ message: 'The personalizations field is required and must have at least one personalization.', field: 'personalizations', help: null });
  } else if (recipients.some((to) => to === null)) {
    errors.push({ message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', field: 'personalizations.0.to', help: null });
  }
  const from = isObject(body.from) && typeof body.from.email === 'string' && body.from.email.includes('@') ? body.from.email : null;
  if (from === null) errors.push({ message: 'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.', field: 'from.email', help: null });
  const subject = typeof body.subject === 'string' && body.subject !== '' ? body.subject : null;
  const everySubject = personalizations.length > 0 && personalizations.every((entry) => isObject(entry) && typeof entry.subject === 'string' && entry.subject !== '');
  if (subject === null && !everySubject) errors.push({ message: 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', field: 'subject', help: null });
  const content = Array.isArray(body.content) ? body.content.filter((part): part is { type: string; value: string } => isObject(part) && typeof part.type === 'string' && typeof part.value === 'string') : [];
  if (content.length === 0) errors.push({ message: 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.', field: 'content', help: null });
  if (errors.length > 0 || from === null) return errors;
  const part = (type: string): string | null => content.find((block) => block.type === type)?.value ?? null;
  return { to: recipients.flatMap((to) => to ?? []), from, subject: subject ?? '', text: part('text/plain'), html: part('text/html') };
}

/** Answers `POST /v3/mail/send`; returns false for any other request. */
export function createSendGridHandler(outbox: Outbox) {
  return async function handleSendGrid(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/v3/mail/send' || request.method !== 'POST') return false;
    if (!BEARER.test(request.headers.authorization ?? '')) {
      fail(response, 401, [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null }]);
      return true;
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(request, MAX_BODY_BYTES)).toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLargeError) fail(response, 413, [{ message: 'The total size of your email must be less than 30 MB.', field: null, help: null }]);
      else fail(response, 400, [{ message: 'Bad Request', field: null, help: null }]);
      return true;
    }
    const checked = checkMail(body);
    if (Array.isArray(checked)) fail(response, 400, checked);
    else {
      outbox.add(checked);
      response.writeHead(202).end();
    }
    return true;
  };
}
