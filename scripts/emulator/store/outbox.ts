/**
 * The emails the emulator's SendGrid stand-in accepted (rest/sendgrid-mail-send.ts): nothing is
 * delivered, everything is kept here for the desk's Outbox panel and for tests. Pure, no HTTP.
 */

export interface CapturedEmail {
  id: string;
  /** ISO 8601, when the emulator accepted it. */
  receivedAt: string;
  /** Each recipient as a mail client shows it: the bare address, or `Name <address>` when a display name came with it. */
  to: string[];
  from: string;
  subject: string;
  /** The `text/plain` content, or null when the mail had none. */
  text: string | null;
  /** The `text/html` content as sent: to be shown as text, never rendered into a page. */
  html: string | null;
}

/** Bounded, like the request log, so a long `npm start` session does not grow without end. */
const MAX_EMAILS = 200;

export class Outbox {
  private emails: CapturedEmail[] = [];
  private counter = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  add(email: Omit<CapturedEmail, 'id' | 'receivedAt'>): CapturedEmail {
    this.counter += 1;
    const captured = { id: `email-${this.counter}`, receivedAt: this.now().toISOString(), ...email };
    this.emails.push(captured);
    if (this.emails.length > MAX_EMAILS) this.emails.shift();
    return captured;
  }

  /** Oldest first. */
  list(): readonly CapturedEmail[] {
    return this.emails;
  }

  reset(): void {
    this.emails = [];
  }
}
