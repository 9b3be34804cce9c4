import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { linkify } from '../../widget-src/app/format/linkify';

/** Text made of pieces that look like links, schemes and the characters that end them. */
const linkish = fc
  .array(
    fc.oneof(
      fc.constantFrom('http://', 'https://', 'mailto:', 'javascript:', 'data:', 'HTTPS://', 'ftp://', 'www.', '//', ' ', '\n', '"', "'", '<', '>', '.', ',', ')', '(', ':', '@', '?', '#', '%'),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.emailAddress().map((email) => `mailto:${email}`),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

describe('link detection (properties)', () => {
  test.prop([fc.oneof(linkish, fc.string({ unit: 'binary' }))])('gives back the text exactly when its parts are joined', (text) => {
    expect(linkify(text).map((part) => part.text).join('')).toBe(text);
  });

  test.prop([linkish])('links only http, https and mailto, and never across spaces, quotes or angle brackets', (text) => {
    for (const part of linkify(text)) {
      if (part.kind !== 'link') continue;
      expect(new URL(part.href).protocol).toMatch(/^(https?|mailto):$/);
      expect(part.text).not.toMatch(/[\s"'<>]/);
      expect(part.text).toMatch(/^(https?:\/\/|mailto:)/i);
    }
  });

  test.prop([fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('', ' ', '.', ',', '!', ')')])(
    'finds a whole web address written in a sentence, without the punctuation after it',
    (url, after) => {
      fc.pre(!/[.,;:!?)\]}]$/.test(url) && !/["'<>\s]/.test(url));
      const link = linkify(`See ${url}${after}`).find((part) => part.kind === 'link');
      expect(link?.text).toBe(url);
    },
  );
});
