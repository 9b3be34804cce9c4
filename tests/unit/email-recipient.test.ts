import { describe, expect, it } from '@jest/globals';
import { inboxKey, isMailbox } from '../../functions/lib/email-recipient';
import { keyedHash } from '../../functions/lib/keyed-hash';

describe('who an email may go to', () => {
  it('takes bare mailboxes', () => {
    for (const address of ['ada@example.com', 'Ada.Lovelace+chat@mail.example.co.uk', "o'brien@example.ie", 'x_y-z@sub-domain.example', 'a@xn--bcher-kva.de']) {
      expect({ address, ok: isMailbox(address) }).toStrictEqual({ address, ok: true });
    }
  });

  it('refuses what a mail library would read as a display name, a list or a route, and what SendGrid may not take', () => {
    const forms = ['jürgen@bücher.de', 'Visit-spam.example<victim@example.org>', 'victim@example.org>', 'a,b@example.org', 'a;b@example.org', '"a"@example.org', 'a@b@example.org', '.a@example.org', 'a..b@example.org', 'a@example', `${'a'.repeat(250)}@example.org`];
    for (const address of forms) expect({ address, ok: isMailbox(address) }).toStrictEqual({ address, ok: false });
  });

  it('counts one inbox however its address is spelled: case, a +tag, Gmail’s dots and domain', () => {
    const inbox = inboxKey('ada.lovelace@gmail.com');
    for (const spelling of ['Ada.Lovelace@GMAIL.com', 'adalovelace+chat@gmail.com', 'a.d.a.lovelace@googlemail.com']) expect(inboxKey(spelling)).toBe(inbox);
    // Dots matter elsewhere.
    expect(inboxKey('ada.lovelace@example.com')).not.toBe(inboxKey('adalovelace@example.com'));
    expect(inboxKey('Ada+x@Example.com')).toBe('ada@example.com');
  });

  it('hashes with a key of the secret and of the purpose, so a hash for one purpose matches no other', () => {
    const hash = keyedHash('secret-one', 'email address', 'ada@example.com');
    expect(hash).toMatch(/^[\w-]{43}$/);
    expect(keyedHash('secret-one', 'email address', 'ada@example.com')).toBe(hash);
    expect(keyedHash('secret-two', 'email address', 'ada@example.com')).not.toBe(hash);
    expect(keyedHash('secret-one', 'email code', 'ada@example.com')).not.toBe(hash);
  });
});
