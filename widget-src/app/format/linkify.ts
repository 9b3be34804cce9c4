/**
 * Splits message text into plain text and links. Only http, https and mailto links are made
 * clickable, so a message cannot carry a script URL: anything else, `javascript:` included, stays
 * text. Output is data for the renderer, which creates text nodes and <a> elements; no HTML is
 * ever parsed.
 */

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
const CANDIDATE_AT = new RegExp(CANDIDATE.source, 'iy');
const SAFE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
// Punctuation that usually ends a sentence rather than a URL ("see https://x.org.").
const TRAILING = /[.,;:!?)\]}]+$/;

/** `raw` as a link target if it is an absolute http or https URL with a host, or a mailto URL; otherwise null. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return SAFE_PROTOCOLS.has(url.protocol) && (url.protocol === 'mailto:' || url.hostname !== '') ? url.href : null;
  } catch {
    // Not a URL after all: it stays text.
    return null;
  }
}

/** The address-like run (safe or not) that starts at `index` of `text`, or '': where other syntax must not be read. */
export function candidateAt(text: string, index: number): string {
  CANDIDATE_AT.lastIndex = index;
  return CANDIDATE_AT.exec(text)?.[0] ?? '';
}

/** The parts of `text`, in order; joined, their texts give back `text` exactly. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING, '');
    const href = raw === '' ? null : safeHref(raw);
    if (href === null) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
