import { describe, expect, test } from '@jest/globals';
import { dayLabel, formatTime } from '../../widget-src/app/format/dates';
import { linkify } from '../../widget-src/app/format/linkify';
import { resolveAppConfig } from '../../widget-src/app/settings/app-config';
import { formatBytes } from '../../widget-src/app/format/bytes';
import { EN } from '../../widget-src/app/i18n/en';
import { setTexts } from '../../widget-src/app/i18n/translate';
import { displayName } from '../../widget-src/app/format/display-name';
import { overrideProperty, themeDeclarations } from '../../widget-src/common/theme';

describe('linkify', () => {
  test('turns http, https and mailto into links and leaves the rest as text', () => {
    expect(linkify('See https://example.com/a?b=1, or mail mailto:help@example.com.')).toStrictEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ', or mail ' },
      { kind: 'link', text: 'mailto:help@example.com', href: 'mailto:help@example.com' },
      { kind: 'text', text: '.' },
    ]);
  });

  test('never makes javascript:, data: or HTML into links', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '<a href="https://x.org">x</a>']) {
      const parts = linkify(text);
      expect(parts.map((p) => p.text).join('')).toBe(text);
      for (const part of parts) if (part.kind === 'link') expect(part.href).toMatch(/^https?:|^mailto:/);
    }
    expect(linkify('javascript:alert(1)')).toStrictEqual([{ kind: 'text', text: 'javascript:alert(1)' }]);
  });

  test('stops a link at quotes and angle brackets', () => {
    const parts = linkify('<a href="https://evil.example/"onclick=x>');
    const link = parts.find((p) => p.kind === 'link');
    expect(link?.text).toBe('https://evil.example/');
  });

  test('keeps text exactly when nothing is a link', () => {
    expect(linkify('plain <b>text</b>')).toStrictEqual([{ kind: 'text', text: 'plain <b>text</b>' }]);
  });
});

describe('display names', () => {
  const options = resolveAppConfig({}).names;
  test('uses the friendly name, then "You" / "Agent"; never the identity', () => {
    expect(displayName('agent-1', 'me', { 'agent-1': 'Alex' }, options)).toBe('Alex');
    expect(displayName('agent-1', 'me', {}, options)).toBe('Agent');
    expect(displayName('me', 'me', { me: 'Jane' }, options)).toBe('Jane');
    expect(displayName('me', 'me', { me: null }, options)).toBe('You');
    expect(displayName('Concierge', 'me', {}, options)).toBe('Agent');
    expect(displayName('agent-1', 'me', { 'agent-1': '  ' }, options)).toBe('Agent');
  });

  test('honours Flex-style overrides and default names', () => {
    const custom = resolveAppConfig({
      memberDisplayOptions: { yourDefaultName: 'Me', theirDefaultName: 'Support', yourFriendlyNameOverride: true, theirFriendlyNameOverride: true },
    }).names;
    expect(displayName('agent-1', 'me', { 'agent-1': 'Alex' }, custom)).toBe('Support');
    expect(displayName('me', 'me', { me: 'Jane' }, custom)).toBe('Me');
  });
});

describe('theme overrides', () => {
  test('maps custom properties, camelCase names and Paste tokens', () => {
    expect(overrideProperty('--twc-brand')).toBe('--twc-brand');
    expect(overrideProperty('onBrand')).toBe('--twc-on-brand');
    expect(overrideProperty('backgroundColorPrimary')).toBe('--twc-brand');
    expect(overrideProperty('}body{color:red')).toBe(null);
  });

  test('drops values that are not strings or numbers', () => {
    expect(themeDeclarations({ overrides: { brand: '#0a7', radius: 4, nested: { a: 1 } } })).toStrictEqual([
      ['--twc-brand', '#0a7'],
      ['--twc-radius', '4'],
    ]);
  });
});

describe('formatting', () => {
  test('formats times and day labels through Intl', () => {
    const now = new Date(2026, 10, 25, 15, 0);
    expect(formatTime(new Date(2026, 10, 25, 9, 5), 'en-US')).toBe('9:05 AM');
    expect(dayLabel(new Date(2026, 10, 25, 9, 5), now, 'en-US')).toBe('Today');
    expect(dayLabel(new Date(2026, 10, 24, 9, 5), now, 'en-US')).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 10, 2, 9, 5), now, 'en-US')).toBe('Nov 2, 2026');
    expect(dayLabel(new Date(2026, 10, 25, 9, 5), now, 'fr')).toBe('Aujourd’hui');
  });

  test('formats byte counts for chips in the chosen language', () => {
    setTexts('fr', EN);
    expect(formatBytes(1536)).toBe('1,5\u202fko');
    setTexts('en', EN);
    expect(formatBytes(512)).toBe('512 byte');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(16 * 1024 * 1024)).toBe('16 MB');
  });
});
