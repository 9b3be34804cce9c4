/**
 * Turns `theme` from the config into CSS custom properties on the shadow host. Values go through
 * the CSSOM (`style.setProperty`), never through CSS text, so an override cannot inject rules.
 */
import type { WebchatConfig } from './config';

/**
 * Paste tokens the original React app accepted in `theme.overrides` that colour the launcher, so
 * it has them at first paint. The panel's tokens (colorText, backgroundColorBody, ...) need no
 * code: their kebab-case variables are fallbacks in the app's stylesheet (app/base.css).
 */
const LAUNCHER_TOKENS: Readonly<Record<string, string>> = {
  backgroundColorPrimary: '--twc-brand',
  backgroundColorPrimaryStrong: '--twc-brand',
  colorTextInverse: '--twc-on-brand',
};

/** Maps one override key to a custom property name, or null when the key cannot be one. */
export function overrideProperty(key: string): string | null {
  if (/^--[A-Za-z0-9-]+$/.test(key)) return key;
  const paste = LAUNCHER_TOKENS[key];
  if (paste !== undefined) return paste;
  if (!/^[a-z][A-Za-z0-9]*$/.test(key)) return null;
  return `--twc-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The overrides as [property, value] pairs, skipping anything that is not a string or number. */
export function themeDeclarations(theme: WebchatConfig['theme']): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(theme?.overrides ?? {})) {
    const property = overrideProperty(key);
    if (property !== null && (typeof value === 'string' || typeof value === 'number')) out.push([property, String(value)]);
  }
  return out;
}
