/**
 * Which of the widget's languages to show: the first of the wanted tags (the configured `locale`,
 * then the browser's `navigator.languages`) whose language has texts, else English. A region the
 * widget has no texts for takes its language's (pt-PT reads pt-BR, es-MX reads es); the tag itself
 * still formats dates and numbers, so a visitor in Austria sees German texts and Austrian dates.
 */

import { LANGUAGES, type Language } from '../../../contract/languages';

/** Languages with texts (the backend knows them too); English is built in, the others are chunks of their own. */
export { LANGUAGES, type Language };

/** The languages loaded on demand. */
export type Translation = Exclude<Language, 'en'>;

/** Written right to left. */
const RTL: ReadonlySet<Language> = new Set(['ar']);

export interface LanguageChoice {
  language: Language;
  /** The wanted tag that matched (canonical), for `Intl` and the `lang` attribute. */
  locale: string;
  dir: 'ltr' | 'rtl';
}

function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    // Not a BCP 47 tag (a typo in a setting): the next wanted tag decides.
    return null;
  }
}

const primary = (tag: string): string => tag.split('-')[0]?.toLowerCase() ?? '';

/** The best language for `wanted`, most wanted first; empty or unknown tags are skipped. */
export function chooseLanguage(wanted: ReadonlyArray<string | undefined>): LanguageChoice {
  for (const raw of wanted) {
    const locale = raw === undefined ? null : canonical(raw);
    if (locale === null) continue;
    const language =
      LANGUAGES.find((known) => known.toLowerCase() === locale.toLowerCase()) ??
      LANGUAGES.find((known) => primary(known) === primary(locale));
    if (language !== undefined) return { language, locale, dir: RTL.has(language) ? 'rtl' : 'ltr' };
  }
  return { language: 'en', locale: 'en', dir: 'ltr' };
}
