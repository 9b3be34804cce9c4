/**
 * The widget's text tables: every translation says everything English says (the app's texts and
 * the chat view's), nothing else, with the same `{placeholders}` and every plural form its
 * language needs; and `t()` puts values in.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import AR from '../../widget-src/app/i18n/ar';
import DE from '../../widget-src/app/i18n/de';
import { t as chatT } from '../../widget-src/app/i18n/chat-texts';
import { EN, type LanguageTable } from '../../widget-src/app/i18n/en';
import { EN_CHAT } from '../../widget-src/app/i18n/en-chat';
import { EN_OFFLINE } from '../../widget-src/app/i18n/en-offline';
import { EN_RATING } from '../../widget-src/app/i18n/en-rating';
import { EN_FORM } from '../../widget-src/app/i18n/en-form';
import ES from '../../widget-src/app/i18n/es';
import FR from '../../widget-src/app/i18n/fr';
import { LANGUAGES, type Translation } from '../../widget-src/app/i18n/languages';
import { launcherLabel } from '../../widget-src/app/i18n/launcher-texts';
import PT_BR from '../../widget-src/app/i18n/pt-BR';
import { setTexts, t } from '../../widget-src/app/i18n/translate';

const TRANSLATIONS: Record<Translation, LanguageTable> = { es: ES, fr: FR, de: DE, 'pt-BR': PT_BR, ar: AR };

/** Every English text: the app chunk's, the chat view's, the form's, the closed view's and the rating's, which a translation's one chunk all carries. */
const ENGLISH: Readonly<Record<string, unknown>> = { ...EN, ...EN_CHAT, ...EN_OFFLINE, ...EN_RATING, ...EN_FORM };

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();

/** Every text of an entry, by plural category ('' for a plain text). */
function forms(entry: unknown): Array<[string, unknown]> {
  return typeof entry === 'object' && entry !== null ? Object.entries(entry) : [['', entry]];
}

/** What is wrong with `table` for `language`, as sentences (none when it is complete). */
function problems(language: string, table: Readonly<Record<string, unknown>>): string[] {
  const found: string[] = [];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  for (const key of Object.keys(table)) if (!(key in ENGLISH)) found.push(`${key}: not an English key`);
  for (const [key, english] of Object.entries(ENGLISH)) {
    const entry = table[key];
    if (entry === undefined) {
      found.push(`${key}: missing`);
      continue;
    }
    const wanted = placeholders(forms(english)[0]?.[1] as string);
    if (typeof english === 'object') {
      if (typeof entry !== 'object' || entry === null) found.push(`${key}: not plural forms`);
      else {
        for (const category of categories) if (!(category in entry)) found.push(`${key}: no "${category}" form`);
        for (const category of Object.keys(entry)) if (!categories.includes(category)) found.push(`${key}: "${category}" is no ${language} plural form`);
      }
    } else if (typeof entry !== 'string') found.push(`${key}: plural forms where English has one text`);
    for (const [category, text] of forms(entry)) {
      const where = category === '' ? key : `${key}.${category}`;
      if (typeof text !== 'string' || text.trim() === '') found.push(`${where}: empty`);
      else if (placeholders(text).join() !== wanted.join()) found.push(`${where}: has {${placeholders(text).join('}{')}}, English {${wanted.join('}{')}}`);
    }
  }
  return found;
}

describe('text tables', () => {
  test('cover exactly the widget languages', () => {
    expect(['en', ...Object.keys(TRANSLATIONS)].sort()).toEqual([...LANGUAGES].sort());
  });

  test('English has one form per English plural category and no empty text', () => {
    expect(problems('en', ENGLISH)).toEqual([]);
  });

  test('the app’s, the chat view’s and the form’s English share no key, so none hides another', () => {
    expect(Object.keys(EN).filter((key) => key in EN_CHAT || key in EN_FORM)).toEqual([]);
    expect(Object.keys(EN_CHAT).filter((key) => key in EN_FORM)).toEqual([]);
  });

  test.each(Object.entries(TRANSLATIONS))('%s has every key, no other, no empty text, the same placeholders and all its plural forms', (language, table) => {
    expect(problems(language, table)).toEqual([]);
  });

  test.each([
    ['a missing key', (table: Record<string, unknown>) => delete table.send, 'send: missing'],
    ['an unknown key', (table: Record<string, unknown>) => (table.sned = 'Senden'), 'sned: not an English key'],
    ['an empty text', (table: Record<string, unknown>) => (table.send = ' '), 'send: empty'],
    ['a lost placeholder', (table: Record<string, unknown>) => (table.remove = 'Entfernen'), 'remove: has {}, English {file}'],
    ['a missing plural form', (table: Record<string, unknown>) => (table.typing = { other: '{names} schreiben…' }), 'typing: no "one" form'],
    ['a missing chat-view key', (table: Record<string, unknown>) => delete table['endChat.open'], 'endChat.open: missing'],
    ['a lost chat-view placeholder', (table: Record<string, unknown>) => (table['outbox.retryLabel'] = 'Erneut senden'), 'outbox.retryLabel: has {}, English {body}'],
    ['a missing chat-view plural form', (table: Record<string, unknown>) => (table['transcript.messageCount'] = { other: '{count} Nachrichten' }), 'transcript.messageCount: no "one" form'],
    ['a text where a count needs plural forms', (table: Record<string, unknown>) => (table['attention.newMessages'] = '({count}) Neue Nachrichten'), 'attention.newMessages: not plural forms'],
  ])('the check finds %s', (_what, spoil, problem) => {
    const table: Record<string, unknown> = { ...DE };
    spoil(table);
    expect(problems('de', table)).toContain(problem);
  });
});

describe('t()', () => {
  afterEach(() => setTexts('en', EN));

  test('puts values in by name and writes numbers the language’s way', () => {
    setTexts('de-DE', DE);
    expect(t('counter', { length: 1800, count: 2000 })).toBe('1.800 / 2.000 Zeichen');
    expect(t('remove', { file: 'a.pdf' })).toBe('a.pdf entfernen');
  });

  test('chooses the plural form with Intl.PluralRules', () => {
    setTexts('en', EN);
    expect(t('tooMany', { file: 'x', count: 1 })).toBe('“x” was not added: at most 1 file at a time.');
    expect(t('tooMany', { file: 'x', count: 5 })).toBe('“x” was not added: at most 5 files at a time.');
    setTexts('ar', AR);
    const unread = (count: number): string => t('launcher.unread', { label: 'L', count });
    expect(unread(2)).toBe(`L، ${(2).toLocaleString('ar')} رسالتان جديدتان`);
    expect(unread(3)).toContain('رسائل');
  });

  test('the launcher’s labels come in the chosen language, for the loader; the page’s label replaces the table’s', () => {
    setTexts('de', DE);
    expect([launcherLabel(true, 0, {}), launcherLabel(false, 0, {}), launcherLabel(false, 3, {})]).toStrictEqual([
      DE['launcher.close'],
      DE['launcher.open'],
      'Chat öffnen, 3 neue',
    ]);
    expect(launcherLabel(false, 1, { launcherLabel: 'Hilfe' })).toBe('Hilfe, 1 neue');
  });

  test('the chat view’s texts come in the chosen language, and in English from the chat view’s own table', () => {
    expect(chatT('endChat.open')).toBe('End chat');
    expect(chatT('outbox.retryLabel', { body: 'Hallo' })).toBe('Retry sending “Hallo”');
    setTexts('de', DE);
    expect(chatT('endChat.open')).toBe('Chat beenden');
    expect(chatT('outbox.retryLabel', { body: 'Hallo' })).toBe('„Hallo“ erneut senden');
    expect(t('transcript.messageCount', { count: 1 })).toBe('1 Nachricht');
  });

  test('counted texts take Arabic’s six plural forms', () => {
    setTexts('ar', AR);
    const title = (count: number): string => t('attention.newMessages', { count });
    // 0, 1, 2, 3, 11 and 100 are zero, one, two, few, many and other in Arabic.
    const rules = new Intl.PluralRules('ar');
    expect([0, 1, 2, 3, 11, 100].map((count) => rules.select(count))).toStrictEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    for (const count of [0, 1, 2, 3, 11, 100]) {
      const form = AR['attention.newMessages'][rules.select(count)] ?? '';
      expect(title(count)).toBe(form.replace('{count}', count.toLocaleString('ar')));
    }
    expect(title(2)).toBe(`(${(2).toLocaleString('ar')}) رسالتان جديدتان`);
    expect(title(3)).toBe(`(${(3).toLocaleString('ar')}) رسائل جديدة`);
    expect(t('transcript.messageCount', { count: 2 })).toBe(`${(2).toLocaleString('ar')} رسالتان`);
    setTexts('en', EN);
    expect([title(1), title(4)]).toStrictEqual(['(1) New message', '(4) New messages']);
  });

  test('a page’s or deployment’s text replaces the chat view’s texts too', () => {
    setTexts('de', DE, { 'endChat.open': 'Tschüss', 'outbox.retryLabel': 'Nochmal: {body}', 'attention.newMessages': '{count} neu' });
    expect(chatT('endChat.open')).toBe('Tschüss');
    expect(t('outbox.retryLabel', { body: 'Hi' })).toBe('Nochmal: Hi');
    expect(t('attention.newMessages', { count: 3 })).toBe('3 neu');
    expect(t('endChat.keep')).toBe(DE['endChat.keep']);
  });

  test('a page’s or deployment’s text replaces the table’s, for every plural form', () => {
    setTexts('fr', FR, { placeholder: 'Votre question', counter: '{length}/{count}' });
    expect(t('placeholder')).toBe('Votre question');
    expect(t('counter', { length: 1, count: 2 })).toBe('1/2');
    expect(t('send')).toBe(FR.send);
  });
});
