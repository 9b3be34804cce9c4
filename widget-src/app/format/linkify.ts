/**
 * Splits message text into plain text and links. Only http, https and mailto links are made
 * clickable, so a message cannot carry a script URL: anything else, `javascript:` included, stays
 * text. Output is data for the renderer, which creates text nodes and <a> elements; no HTML is
 * ever parsed.
 */

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
const SAFE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
// Punctuation that usually ends a sentence rather than a URL ("see https://x.org.").
const TRAILING = /[.,;:!?)\]}]+$/;

/** The parts of `text`, in order; joined, their texts give back `text` exactly. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING, '');
    let href: string | null = null;
    try {
      const url = new URL(raw);
      if (SAFE_PROTOCOLS.has(url.protocol) && (url.protocol === 'mailto:' || url.hostname !== '')) href = url.href;
    } catch {
      // Not a URL after all: it stays text.
      href = null;
    }
    if (href === null || raw === '') continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
