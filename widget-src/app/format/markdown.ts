/**
 * The Markdown agents type in Flex, read into plain data for the renderer: bold, italic, inline
 * code, fenced code blocks, bulleted and numbered lists, and links. Links follow linkify's rules
 * (http, https, mailto); HTML is never produced or parsed, so it stays text. A marker without
 * its partner stays text too, and only marker characters are ever dropped from what is shown.
 */
import { candidateAt, linkify, safeHref, type TextPart } from './linkify';

export type Inline =
  | TextPart
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] };

export type Block =
  | { kind: 'text'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

const FENCE_OPEN = /^```[^`]*$/;
const FENCE_CLOSE = /^```\s*$/;
const ITEM = /^[ \t]*(?:([-*])|(\d{1,9})\.) (.*)$/;
const LINK = /\[([^[\]\n]+)\]\(([^()\s]+)\)/y;
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;

/** The blocks of `body`, in order. */
export function parseMarkdown(body: string): Block[] {
  const lines = body.split('\n');
  const blocks: Block[] = [];
  let text: string[] = [];
  const flushText = (): void => {
    if (text.length > 0) blocks.push({ kind: 'text', children: parseInline(text.join('\n')) });
    text = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const close = FENCE_OPEN.test(line) ? closingFence(lines, i + 1) : -1;
    const item = ITEM.exec(line);
    if (close > 0) {
      flushText();
      blocks.push({ kind: 'code', text: lines.slice(i + 1, close).join('\n') });
      i = close;
    } else if (item !== null) {
      flushText();
      const ordered = item[2] !== undefined;
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(parseInline(item[3] as string));
      else blocks.push({ kind: 'list', ordered, start: ordered ? Number(item[2]) : 1, items: [parseInline(item[3] as string)] });
    } else {
      text.push(line);
    }
  }
  flushText();
  return blocks;
}

/** The index of the first line from `from` that closes a code fence, or -1. */
function closingFence(lines: string[], from: number): number {
  for (let j = from; j < lines.length; j++) if (FENCE_CLOSE.test(lines[j] as string)) return j;
  return -1;
}

/**
 * Where the marker `mark` opened at `open` closes, or -1: the same run of backticks, or an
 * emphasis marker after something other than a space (for "_", not inside a word).
 */
function findClose(source: string, mark: string, open: number): number {
  const char = mark[0] as string;
  for (let at = source.indexOf(mark, open + mark.length + 1); at !== -1; at = source.indexOf(mark, at + 1)) {
    if (char === '`') {
      let end = at;
      while (source[end] === '`') end++;
      if (end - at === mark.length) return at;
      at = end - 1;
      continue;
    }
    const before = source[at - 1] as string;
    const after = source[at + mark.length] ?? ' ';
    const wholeRun = mark.length === 2 || (before !== char && after !== char);
    if (wholeRun && !SPACE.test(before) && !(char === '_' && WORD.test(after))) return at;
  }
  return -1;
}

/** The inline parts of one paragraph or list item. */
export function parseInline(source: string): Inline[] {
  const parts: Inline[] = [];
  const unclosed = new Set<string>();
  let text = '';
  const flushText = (): void => {
    if (text !== '') parts.push(...linkify(text));
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '`') {
      let after = i;
      while (source[after] === '`') after++;
      const ticks = source.slice(i, after);
      const end = findClose(source, ticks, i);
      if (end === -1) {
        text += ticks;
        i += ticks.length;
        continue;
      }
      flushText();
      parts.push({ kind: 'code', text: source.slice(i + ticks.length, end) });
      i = end + ticks.length;
      continue;
    }
    if (char === '[') {
      LINK.lastIndex = i;
      const link = LINK.exec(source);
      const href = link === null ? null : safeHref(link[2] as string);
      if (link !== null && href !== null) {
        flushText();
        parts.push({ kind: 'link', text: link[1] as string, href });
        i += link[0].length;
        continue;
      }
    }
    if (char === '*' || char === '_') {
      const mark = source[i + 1] === char ? char + char : char;
      const opens = !SPACE.test(source[i + mark.length] ?? ' ') && !(char === '_' && WORD.test(source[i - 1] ?? ' '));
      const end = opens && !unclosed.has(mark) ? findClose(source, mark, i) : -1;
      if (end === -1) {
        if (opens) unclosed.add(mark);
        text += mark;
        i += mark.length;
        continue;
      }
      flushText();
      parts.push({ kind: mark.length === 2 ? 'strong' : 'em', children: parseInline(source.slice(i + mark.length, end)) });
      i = end + mark.length;
      continue;
    }
    // An address is read whole, so markers inside it ("https://x.org/_a_") stay part of it.
    const address = /[hm]/i.test(char) ? candidateAt(source, i).replace(/[*_`.,;:!?)\]}]+$/, '') : '';
    text += address === '' ? char : address;
    i += address === '' ? 1 : address.length;
  }
  flushText();
  return parts;
}
