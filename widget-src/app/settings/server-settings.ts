/**
 * The widget's settings from its deployment (the webchatConfig Function, fed by environment
 * variables a site owner edits in the Twilio Console), with the page's own `initWebchat(config)`
 * laid over them. Fetched when the app loads; with no answer the page's config applies alone.
 * The answer's shape is validated where it is made (functions/lib/widget-settings.ts).
 */
import type { WebchatConfig } from '../../common/config';

/** Short: the settings only decorate the chat, which must not wait long for them. */
const TIMEOUT_MS = 4000;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` laid on `base`: objects merge key by key; anything else, arrays included, replaces. */
export function layer(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isObject(value) && isObject(below) ? layer(below, value) : value;
  }
  return out;
}

/** The deployment refuses this page's origin: it is not in the deployment's ALLOWED_ORIGINS. */
export const NOT_ALLOWED = 'not-allowed';

async function fetchSettings(serverUrl: string): Promise<WebchatConfig | typeof NOT_ALLOWED> {
  try {
    const response = await fetch(`${serverUrl}/webchatConfig`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const settings: unknown = await response.json();
    if (response.ok && isObject(settings)) return settings;
    // The refusal is readable by design (functions/lib/handler.ts): a start would be refused too.
    if (isObject(settings) && isObject(settings.error) && settings.error.code === 'ORIGIN_NOT_ALLOWED') return NOT_ALLOWED;
  } catch {
    // The page's config is complete on its own.
  }
  return {};
}

/**
 * Asked for as soon as this chunk runs (the loader runs it on intent or when the page is idle,
 * before any click) from the Functions beside it, which is where `serverUrl` points unless a page
 * says otherwise: a prefetched open shows the form without waiting for the network.
 */
const early = (() => {
  const src = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src;
  if (typeof src !== 'string' || src === '') return null;
  const origin = new URL(src).origin;
  return { origin, settings: fetchSettings(origin) };
})();

/** The deployment's settings, none when they cannot be had (offline, or an older deployment), or its refusal of this page. */
export function serverSettings(serverUrl: string): Promise<WebchatConfig | typeof NOT_ALLOWED> {
  return early !== null && early.origin === serverUrl ? early.settings : fetchSettings(serverUrl);
}

/**
 * Redraws what the loader drew from the page's config alone: the palette, and the deployment's
 * colours. Those go in a sheet after the widget's own, so they beat its defaults, while the page's
 * overrides, set on the host element itself (widget-src/loader/widget.ts), still win; values go
 * through the CSSOM, never CSS text. Browsers without constructable stylesheets keep the defaults.
 */
export function applyLook(shadowRoot: ShadowRoot, server: WebchatConfig, config: WebchatConfig): void {
  // The host is the loader's <twilio-webchat> element.
  if (config.theme?.isLight === false) (shadowRoot.host as HTMLElement).dataset.theme = 'dark';
  const colours = Object.entries(server.theme?.overrides ?? {});
  if (colours.length === 0 || !('replaceSync' in CSSStyleSheet.prototype)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(':host{}');
  const { style } = sheet.cssRules[0] as CSSStyleRule;
  for (const [property, value] of colours) style.setProperty(property, String(value));
  shadowRoot.adoptedStyleSheets = [...shadowRoot.adoptedStyleSheets, sheet];
}
