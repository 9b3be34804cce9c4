/**
 * An origin's one spelling (`https://shop.example.com`, lower case, no default port, no path), which
 * the Functions' allow-list and the tools that write ALLOWED_ORIGINS agree on. Null for anything
 * that is not an http(s) origin.
 */
export function canonicalOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL at all: not an origin either.
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}
