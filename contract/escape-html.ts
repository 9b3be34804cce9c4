/**
 * Escapes text for HTML element content and quoted attribute values. Every text that goes into a
 * transcript's HTML (message bodies, names, file names, titles) passes through here: message text
 * is never markup. `'` and `"` are escaped too, so the result is safe inside either quote.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
