/**
 * The email that carries a code: fixed text of the deployment and the code, nothing else. No name,
 * question or message, nor the address as a display name: it goes to an address nobody has proven
 * yet, so no text a caller chose may be in it. English, as the transcript email (the Function is
 * not told the visitor's language).
 */
import type { OutgoingEmail } from './send-email';

export function codeEmail(to: string, code: string, minutes: number): OutgoingEmail {
  return {
    to,
    subject: `Your code: ${code}`,
    text: [
      `Your code is ${code}.`,
      '',
      `Type it in the chat window within ${minutes} minutes to have the transcript of your chat emailed to this address.`,
      '',
      'If you did not ask for it, ignore this email: without the code, nothing more is sent to you.',
    ].join('\n'),
  };
}
