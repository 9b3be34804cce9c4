/**
 * The URL this loader was fetched from. `document.currentScript` is only set while a classic script
 * runs for the first time, so it must be read at module evaluation; the fallback covers hosts that
 * inject the script in unusual ways.
 */
export function loaderScriptUrl(): string {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src !== '') return current.src;
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="webchat.js"]');
  const last = scripts[scripts.length - 1];
  return last?.src ?? window.location.href;
}
