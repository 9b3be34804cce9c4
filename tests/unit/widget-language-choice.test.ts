/** Which language the widget speaks: the configured locale, else the browser's languages, else English. */
import { describe, expect, test } from '@jest/globals';
import { chooseLanguage } from '../../widget-src/app/i18n/languages';

describe('language choice', () => {
  test('the configured locale comes first', () => {
    expect(chooseLanguage(['fr-CA', 'de-DE', 'en-US'])).toEqual({ language: 'fr', locale: 'fr-CA', dir: 'ltr' });
  });

  test('then the browser’s languages in their order, skipping those without texts', () => {
    expect(chooseLanguage([undefined, 'ja-JP', 'de-AT', 'fr'])).toEqual({ language: 'de', locale: 'de-AT', dir: 'ltr' });
  });

  test('a region without texts of its own reads its language’s', () => {
    expect(chooseLanguage(['pt-PT']).language).toBe('pt-BR');
    expect(chooseLanguage(['es-MX']).language).toBe('es');
    expect(chooseLanguage(['pt-br']).locale).toBe('pt-BR');
  });

  test('Arabic is written right to left', () => {
    expect(chooseLanguage(['ar-EG'])).toEqual({ language: 'ar', locale: 'ar-EG', dir: 'rtl' });
  });

  test('English when nothing matches, and a tag that is not BCP 47 is skipped', () => {
    expect(chooseLanguage(['ja', 'zh-Hans'])).toEqual({ language: 'en', locale: 'en', dir: 'ltr' });
    expect(chooseLanguage([])).toEqual({ language: 'en', locale: 'en', dir: 'ltr' });
    expect(chooseLanguage(['not a tag!', 'es'])).toEqual({ language: 'es', locale: 'es', dir: 'ltr' });
    expect(chooseLanguage(['en-GB', 'de'])).toEqual({ language: 'en', locale: 'en-GB', dir: 'ltr' });
  });
});
