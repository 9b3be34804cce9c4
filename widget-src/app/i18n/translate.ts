/**
 * `t(key, values)`: the text for `key` in the chosen language, values put in by name. One table
 * per page, set once the language is known (i18n/load-texts.ts); English until then. The
 * chat-view chunk borrows this very module from the app chunk (app/app-shared.ts), so both read
 * the same table. English tables (en.ts) lack the chat view's keys and the form's: their English
 * comes with the chat-view and start-form chunks (`addEnglish`, i18n/chat-texts.ts and
 * i18n/form-texts.ts), so the app chunk never carries it.
 */
import { EN, type ChunkTextKey, type LanguageTable, type PluralForms, type TextKey, type TextOverrides, type TextTable } from './en';

type ChunkTexts = Omit<LanguageTable, TextKey>;

type Values = Readonly<Record<string, string | number>>;

let table: TextTable & Partial<ChunkTexts> = EN;
let laterEnglish: Partial<ChunkTexts> = {};
let overrides: TextOverrides = {};
let language = 'en';
let plurals = new Intl.PluralRules('en');
let numbers = new Intl.NumberFormat('en');

/** Makes `texts` (in `locale`, a BCP 47 tag) the table, with a page's or deployment's `replaced` texts on top. */
export function setTexts(locale: string, texts: TextTable & Partial<ChunkTexts>, replaced: TextOverrides = {}): void {
  table = texts;
  overrides = replaced;
  language = locale;
  plurals = new Intl.PluralRules(locale);
  numbers = new Intl.NumberFormat(locale);
}

/** A chunk's English (the chat view's, the form's, the closed view's, the rating's), for the keys a table (English's) does not have. */
export function addEnglish(texts: Partial<ChunkTexts>): void {
  laterEnglish = { ...laterEnglish, ...texts };
}

/** The BCP 47 tag texts, dates and numbers are shown in. */
export function textLocale(): string {
  return language;
}

/**
 * The text for `key`. A counted text takes the plural form `values.count` calls for; numbers are
 * written the language's way. Values are put in whole, never pieced from translated fragments.
 * A chunk's key asked before its chunk ran shows the key itself rather than nothing.
 */
export function t(key: TextKey | ChunkTextKey, values: Values = {}): string {
  const entry: string | PluralForms = overrides[key] ?? table[key] ?? laterEnglish[key as ChunkTextKey] ?? key;
  const text = typeof entry === 'string' ? entry : (entry[plurals.select(Number(values.count))] ?? entry.other);
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => {
    const value = values[name];
    if (value === undefined) return mark;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}
