/**
 * Loads a language's texts and makes them the page's table. Each translation is a classic script
 * of its own beside the app chunk (built by scripts/build/build-widget.ts, hashed like the other
 * chunks, registered through common/chunks.ts), so English visitors never download one and no
 * language is in the loader. A classic script rather than fetched JSON: Twilio serves Assets
 * without CORS headers, and a page's CSP may not list the widget's host under connect-src.
 */
import { loadChunk } from '../../common/chunks';
import type { WebchatConfig } from '../../common/config';
import { EN, type TextOverrides, type TextTable } from './en';
import { chooseLanguage, type Language, type LanguageChoice, type Translation } from './languages';
import { setTexts } from './translate';

/** File names of the translations, relative to the app chunk; injected by the build. */
declare const __WEBCHAT_TEXTS__: Readonly<Record<Translation, string>>;

/** The app chunk's own URL, which the translations sit beside; none when this module was not loaded as that chunk. */
const base = typeof document === 'undefined' ? null : ((document.currentScript as HTMLScriptElement | null)?.src ?? null);

const loading = new Map<Translation, Promise<TextTable>>();
/** Tables already here, so applying one costs the form no wait at all. */
const loaded = new Map<Language, TextTable>([['en', EN]]);

function loadTexts(language: Language): Promise<TextTable> {
  if (language === 'en' || base === null) return Promise.resolve(EN);
  let texts = loading.get(language);
  if (texts === undefined) {
    texts = loadChunk(`texts-${language}`, new URL(__WEBCHAT_TEXTS__[language], base).href);
    loading.set(language, texts);
    // Kept once here; a failed load is forgotten, as it may succeed on the next open.
    texts.then((table) => loaded.set(language, table), () => loading.delete(language));
  }
  return texts;
}

const browserLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : navigator.languages);

// Started when this chunk runs, alongside the settings (server-settings.ts): the browser's
// language is the likeliest choice, so showing the form waits for no fetch of its own. A failure
// here is met again, and handled, when the language is applied.
if (base !== null) loadTexts(chooseLanguage(browserLanguages()).language).catch(() => undefined);

/** Only strings replace texts: the settings come from a page and a deployment. */
function overridesOf(strings: WebchatConfig['strings']): TextOverrides {
  return Object.fromEntries(Object.entries(strings ?? {}).filter((entry) => typeof entry[1] === 'string'));
}

/**
 * Chooses the language for `settings` (their `locale`, else the browser's), loads its texts and
 * makes them current with the settings' `strings` on top. English when the texts cannot be had.
 * Synchronous when the table is already here (English, or a prefetched translation), so a
 * prefetched open shows the form in the next frame.
 */
export function applyLanguage(settings: WebchatConfig): LanguageChoice | Promise<LanguageChoice> {
  const choice = chooseLanguage([settings.locale, ...browserLanguages()]);
  const overrides = overridesOf(settings.strings);
  const apply = (chosen: LanguageChoice, texts: TextTable): LanguageChoice => {
    setTexts(chosen.locale, texts, overrides);
    return chosen;
  };
  const ready = loaded.get(choice.language);
  if (ready !== undefined) return apply(choice, ready);
  return loadTexts(choice.language).then(
    (texts) => apply(choice, texts),
    // Offline, or a deployment mid-update: the chat in English beats no chat.
    () => apply(chooseLanguage([]), EN),
  );
}
