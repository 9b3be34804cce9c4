import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parseEnv } from '../../scripts/lib/env-file';
import { readConfig } from '../../functions/lib/config';
import { DEFAULT_WELCOME_MESSAGE, parseLanguage, welcomeFor } from '../../functions/lib/welcome';
import { testEnv } from '../support/fixtures';

describe('the welcome in the visitor’s language', () => {
  test.each([
    [undefined, 'en'],
    ['de', 'de'],
    ['de-AT', 'de'],
    ['pt', 'pt-BR'],
    ['PT-br', 'pt-BR'],
    ['ar-EG', 'ar'],
    ['ja', 'en'],
  ])('reads the widget’s language %s as %s', (sent, language) => {
    expect(parseLanguage(sent)).toBe(language);
  });

  test.each([[''], ['<b>'], [42], ['en_US'], ['x'.repeat(40)]])('refuses %p as a language with 400 naming the field', (sent) => {
    expect(() => parseLanguage(sent)).toThrow(expect.objectContaining({ status: 400, field: 'language' }));
  });

  test('a map gives each language its text, a missing one the map’s English, else the built-in text; one text serves all', () => {
    const map = '{"en":"Hi {friendlyName}.","de":"Hallo {friendlyName}."}';
    expect([welcomeFor(map, 'de', 'Ada'), welcomeFor(map, 'fr', null), welcomeFor('{"de":"Hallo."}', 'fr', 'Ada'), welcomeFor('Hi!', 'ar', 'Ada')]).toStrictEqual([
      'Hallo Ada.',
      'Hi.',
      'Merci pour votre message. Un conseiller vous répond dans un instant.',
      'Hi!',
    ]);
  });

  test('a broken map is a configuration error naming WELCOME_MESSAGE', () => {
    expect(() => readConfig(testEnv({ WELCOME_MESSAGE: '{"en": ' }))).toThrow(/WELCOME_MESSAGE starts with "\{" but is not a JSON map/);
    expect(() => readConfig(testEnv({ WELCOME_MESSAGE: '{"klingon":"Qapla’"}' }))).toThrow(/WELCOME_MESSAGE maps "klingon"/);
  });

  test('.env.example carries the built-in welcomes, so a site owner sees the form to edit', () => {
    const example = parseEnv(readFileSync(path.join(__dirname, '../../.env.example'), 'utf8'));
    expect(example.WELCOME_MESSAGE).toBe(DEFAULT_WELCOME_MESSAGE);
  });
});
