/**
 * Puts styles into the shadow root without inline `<style>` elements or style attributes, so a
 * host page with a strict Content-Security-Policy (no 'unsafe-inline') still styles the widget:
 * constructable stylesheets are not subject to `style-src`.
 */

function constructable(): boolean {
  return 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;
}

/**
 * Adds `css` to the shadow root. Browsers without constructable stylesheets (Safari < 16.4) get a
 * `<style>` element instead.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  if (constructable()) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}
