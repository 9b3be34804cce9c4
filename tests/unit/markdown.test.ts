import { describe, expect } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import { linkify } from '../../widget-src/app/format/linkify';
import { parseMarkdown, type Block, type Inline } from '../../widget-src/app/format/markdown';

const inlineText = (parts: Inline[]): string =>
  parts.map((part) => (part.kind === 'strong' || part.kind === 'em' ? inlineText(part.children) : part.text)).join('');

/** What a visitor reads: every text node, blocks on lines of their own. */
const visibleText = (blocks: Block[]): string =>
  blocks
    .map((block) => (block.kind === 'text' ? inlineText(block.children) : block.kind === 'code' ? block.text : block.items.map(inlineText).join('\n')))
    .join('\n');

const links = (parts: Inline[]): Inline[] =>
  parts.flatMap((part) => (part.kind === 'link' ? [part] : part.kind === 'strong' || part.kind === 'em' ? links(part.children) : []));

const allLinks = (blocks: Block[]): Inline[] =>
  blocks.flatMap((block) => (block.kind === 'text' ? links(block.children) : block.kind === 'list' ? block.items.flatMap(links) : []));

const text = (value: string): Inline => ({ kind: 'text', text: value });
const paragraph = (...children: Inline[]): Block[] => [{ kind: 'text', children }];

describe('Markdown in messages', () => {
  test('reads **bold** and __bold__ as strong', () => {
    expect(parseMarkdown('**Yes** and __no__')).toStrictEqual(
      paragraph({ kind: 'strong', children: [text('Yes')] }, text(' and '), { kind: 'strong', children: [text('no')] }),
    );
  });

  test('reads *italic* and _italic_ as emphasis, and nests them inside bold', () => {
    expect(parseMarkdown('*one* _two_ **three _four_**')).toStrictEqual(
      paragraph(
        { kind: 'em', children: [text('one')] },
        text(' '),
        { kind: 'em', children: [text('two')] },
        text(' '),
        { kind: 'strong', children: [text('three '), { kind: 'em', children: [text('four')] }] },
      ),
    );
  });

  test('leaves underscores inside words alone', () => {
    expect(parseMarkdown('set max_retry_count and __init__ is_ok_')).toStrictEqual(paragraph(text('set max_retry_count and '), { kind: 'strong', children: [text('init')] }, text(' is_ok_')));
    expect(parseMarkdown('snake_case_words')).toStrictEqual(paragraph(text('snake_case_words')));
  });

  test('reads `inline code` literally: no formatting and no links inside', () => {
    expect(parseMarkdown('Run `npm **run** https://example.com [a](https://example.com)` now')).toStrictEqual(
      paragraph(text('Run '), { kind: 'code', text: 'npm **run** https://example.com [a](https://example.com)' }, text(' now')),
    );
    expect(parseMarkdown('``a ` b``')).toStrictEqual(paragraph({ kind: 'code', text: 'a ` b' }));
    expect(parseMarkdown('`a``b` c')).toStrictEqual(paragraph({ kind: 'code', text: 'a``b' }, text(' c')));
  });

  test('reads a fenced code block literally, keeping its whitespace and ignoring the language tag', () => {
    expect(parseMarkdown('Try:\n```ts\n  const a = **b**;\n\n\t<b>x</b>\n```\nDone')).toStrictEqual([
      { kind: 'text', children: [text('Try:')] },
      { kind: 'code', text: '  const a = **b**;\n\n\t<b>x</b>' },
      { kind: 'text', children: [text('Done')] },
    ]);
  });

  test('reads lines starting with "- " or "* " as a bulleted list and "1. " as a numbered one', () => {
    expect(parseMarkdown('Steps:\n- one\n* **two**\n1. first\n2. second\nThanks')).toStrictEqual([
      { kind: 'text', children: [text('Steps:')] },
      { kind: 'list', ordered: false, start: 1, items: [[text('one')], [{ kind: 'strong', children: [text('two')] }]] },
      { kind: 'list', ordered: true, start: 1, items: [[text('first')], [text('second')]] },
      { kind: 'text', children: [text('Thanks')] },
    ]);
    expect(parseMarkdown('3. three\n4. four')).toStrictEqual([{ kind: 'list', ordered: true, start: 3, items: [[text('three')], [text('four')]] }]);
  });

  test('links [text](url) and bare addresses under the safe-link rules', () => {
    expect(parseMarkdown('[Track it](https://example.com/t?id=1) or https://example.com/help.')).toStrictEqual(
      paragraph(
        { kind: 'link', text: 'Track it', href: 'https://example.com/t?id=1' },
        text(' or '),
        { kind: 'link', text: 'https://example.com/help', href: 'https://example.com/help' },
        text('.'),
      ),
    );
    expect(parseMarkdown('[mail us](mailto:help@example.com)')).toStrictEqual(paragraph({ kind: 'link', text: 'mail us', href: 'mailto:help@example.com' }));
  });

  test('keeps links whole when they hold markers, and links inside bold', () => {
    expect(parseMarkdown('https://example.com/_a_/b*c* **https://example.com/x**')).toStrictEqual(
      paragraph(
        { kind: 'link', text: 'https://example.com/_a_/b*c*', href: 'https://example.com/_a_/b*c*' },
        text(' '),
        { kind: 'strong', children: [{ kind: 'link', text: 'https://example.com/x', href: 'https://example.com/x' }] },
      ),
    );
  });

  test('shows links to javascript:, data: or relative addresses as the text that was typed', () => {
    for (const source of ['[x](javascript:alert(1))', '[x](javascript:alert)', '[x](data:text/html,hi)', '[x](/relative)', '[x](https://)']) {
      expect(parseMarkdown(source)).toStrictEqual(paragraph(text(source)));
    }
  });

  test('keeps HTML as text', () => {
    expect(parseMarkdown('<img src=x onerror=alert(1)>')).toStrictEqual(paragraph(text('<img src=x onerror=alert(1)>')));
    expect(parseMarkdown('<b>**x**</b>')).toStrictEqual(paragraph(text('<b>'), { kind: 'strong', children: [text('x')] }, text('</b>')));
  });

  test('keeps unclosed or unbalanced markers as text', () => {
    for (const source of ['2 * 3 * 4', '**not closed', 'not **closed either', '_half', 'a ** b ** c', '`no end', '``a`', '```\nno closing fence', '[text](', '**bold*']) {
      expect(visibleText(parseMarkdown(source))).toBe(source);
    }
  });

  test('drops only the markers: the visible text is the source without them', () => {
    const cases: [string, string][] = [
      ['**Hi** _there_, run `ls -la` and see [docs](https://example.com)!', 'Hi there, run ls -la and see docs!'],
      ['Line one\nline **two**\n\nline four', 'Line one\nline two\n\nline four'],
      ['- a\n- b\n1. c', 'a\nb\nc'],
      ['```sh\necho *hi*\n```', 'echo *hi*'],
    ];
    for (const [source, visible] of cases) expect(visibleText(parseMarkdown(source))).toBe(visible);
  });
});

/** Text built from Markdown's markers, words, addresses, HTML and line starts. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '**', '_', '__', '`', '```', '```js\n', '\n', '\n- ', '\n* ', '\n1. ', ' ', '[', ']', '(', ')', '](', '<b>', 'javascript:alert(1)', 'snake_case'),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    ),
    { maxLength: 16 },
  )
  .map((pieces) => pieces.join(''));

/** Text with none of Markdown's markers: no *, _, backticks, brackets, nor list starts. */
const plain = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.webUrl({ withQueryParameters: true }), fc.constantFrom('\n', ' ', '-', '1.', '<i>')), { maxLength: 12 })
  .map((pieces) => pieces.join('').replace(/[*_`[]/g, ''))
  .filter((source) => !source.split('\n').some((line) => /^[ \t]*(?:[-*]|\d+\.) /.test(line)));

const isSubsequence = (short: string, long: string): boolean => {
  let at = 0;
  for (let i = 0; i < long.length && at < short.length; i++) if (short[at] === long[i]) at++;
  return at === short.length;
};

describe('Markdown in messages (properties)', () => {
  test.prop([fc.oneof(markdownish, fc.string({ unit: 'binary' }))])('never throws, and only ever drops characters: what shows is a subsequence of the source', (source) => {
    const visible = visibleText(parseMarkdown(source));
    expect(isSubsequence(visible, source)).toBe(true);
  });

  test.prop([markdownish])('links only http, https and mailto', (source) => {
    for (const link of allLinks(parseMarkdown(source))) {
      if (link.kind !== 'link') continue;
      expect(new URL(link.href).protocol).toMatch(/^(https?|mailto):$/);
    }
  });

  test.prop([plain])('shows text without markers exactly as before: itself, with its addresses linked', (source) => {
    expect(parseMarkdown(source)).toStrictEqual([{ kind: 'text', children: linkify(source) }]);
  });
});
