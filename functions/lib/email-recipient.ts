/**
 * Which addresses an email may go to, and one key per inbox for counting what it receives.
 *
 * The form's rule (contract/pre-engagement-rules.ts) lets through text like
 * `Visit-spam.example<victim@example.org>`, which SendGrid's helper would split into a display name
 * the caller chose and the victim's address. An email goes only to a bare mailbox, passed as
 * `{email}` so nothing parses a name out of it.
 */

/**
 * A dot-atom local part (RFC 5322 3.2.3, no quoting) at a domain of letters, digits and hyphens,
 * in ASCII: SendGrid documents no support for internationalized addresses (RFC 6531), so one it
 * could refuse is refused here with a clear 409 rather than failing there as a 502.
 */
const MAILBOX = /^[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)*@[a-z\d-]+(\.[a-z\d-]+)+$/i;

export function isMailbox(address: string): boolean {
  return address.length <= 254 && MAILBOX.test(address);
}

/**
 * One key per inbox, so a limit per address is not dodged by spelling it differently: case,
 * a `+tag` (sub-addressing, which most providers deliver to the same inbox) and Gmail's dots.
 */
export function inboxKey(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1).toLowerCase();
  let local = address.slice(0, at).toLowerCase().replace(/\+.*$/, '');
  if (domain === 'gmail.com' || domain === 'googlemail.com') local = local.replaceAll('.', '');
  return `${local}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
}
