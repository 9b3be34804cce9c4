import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dayLabel, formatTime } from '../../widget-src/app/format/dates';
import { linkify } from '../../widget-src/app/format/linkify';
import { resolveAppConfig } from '../../widget-src/app/store/app-config';
import { formatBytes } from '../../widget-src/app/store/attachments';
import { displayName } from '../../widget-src/app/store/display-name';
import { overrideProperty, themeDeclarations } from '../../widget-src/shared/theme';

describe('linkify', () => {
  test('turns http, https and mailto into links and leaves the rest as text', () => {
    assert.deepEqual(linkify('See https://example.com/a?b=1, or mail mailto:help@example.com.'), [
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
      assert.equal(parts.map((p) => p.text).join(''), text);
      for (const part of parts) if (part.kind === 'link') assert.match(part.href, /^https?:|^mailto:/);
    }
    assert.deepEqual(linkify('javascript:alert(1)'), [{ kind: 'text', text: 'javascript:alert(1)' }]);
  });

  test('stops a link at quotes and angle brackets', () => {
    const parts = linkify('<a href="https://evil.example/"onclick=x>');
    const link = parts.find((p) => p.kind === 'link');
    assert.equal(link?.text, 'https://evil.example/');
  });

  test('keeps text exactly when nothing is a link', () => {
    assert.deepEqual(linkify('plain <b>text</b>'), [{ kind: 'text', text: 'plain <b>text</b>' }]);
  });
});

describe('display names', () => {
  const options = resolveAppConfig({}).names;
  test('uses the friendly name, then "You" / "Agent"; never the identity', () => {
    assert.equal(displayName('agent-1', 'me', { 'agent-1': 'Alex' }, options), 'Alex');
    assert.equal(displayName('agent-1', 'me', {}, options), 'Agent');
    assert.equal(displayName('me', 'me', { me: 'Jane' }, options), 'Jane');
    assert.equal(displayName('me', 'me', { me: null }, options), 'You');
    assert.equal(displayName('Concierge', 'me', {}, options), 'Agent');
    assert.equal(displayName('agent-1', 'me', { 'agent-1': '  ' }, options), 'Agent');
  });

  test('honours Flex-style overrides and default names', () => {
    const custom = resolveAppConfig({
      memberDisplayOptions: { yourDefaultName: 'Me', theirDefaultName: 'Support', yourFriendlyNameOverride: true, theirFriendlyNameOverride: true },
    }).names;
    assert.equal(displayName('agent-1', 'me', { 'agent-1': 'Alex' }, custom), 'Support');
    assert.equal(displayName('me', 'me', { me: 'Jane' }, custom), 'Me');
  });
});

describe('theme overrides', () => {
  test('maps custom properties, camelCase names and Paste tokens', () => {
    assert.equal(overrideProperty('--twc-brand'), '--twc-brand');
    assert.equal(overrideProperty('onBrand'), '--twc-on-brand');
    assert.equal(overrideProperty('backgroundColorPrimary'), '--twc-brand');
    assert.equal(overrideProperty('}body{color:red'), null);
  });

  test('drops values that are not strings or numbers', () => {
    assert.deepEqual(themeDeclarations({ overrides: { brand: '#0a7', radius: 4, nested: { a: 1 } } }), [
      ['--twc-brand', '#0a7'],
      ['--twc-radius', '4'],
    ]);
  });
});

describe('formatting', () => {
  test('formats times and day labels through Intl', () => {
    const now = new Date(2026, 10, 25, 15, 0);
    assert.equal(formatTime(new Date(2026, 10, 25, 9, 5), 'en-US'), '9:05 AM');
    assert.equal(dayLabel(new Date(2026, 10, 25, 9, 5), now, 'en-US'), 'Today');
    assert.equal(dayLabel(new Date(2026, 10, 24, 9, 5), now, 'en-US'), 'Yesterday');
    assert.equal(dayLabel(new Date(2026, 10, 2, 9, 5), now, 'en-US'), 'Nov 2, 2026');
    assert.equal(dayLabel(new Date(2026, 10, 25, 9, 5), now, 'fr'), 'Aujourd’hui');
  });

  test('formats byte counts for chips', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(16 * 1024 * 1024), '16 MB');
  });
});
