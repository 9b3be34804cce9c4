/**
 * The welcome the Concierge posts after the visitor's question, in the visitor's language.
 *
 * WELCOME_MESSAGE is either one text for every language, or a JSON map from the widget's languages
 * to texts (`{"en": "Welcome!", "de": "Willkommen!"}`); empty means no welcome. A language the map
 * lacks gets its `en` text, else the built-in text of that language. `{friendlyName}` is replaced by
 * the name the visitor typed; the built-in texts leave it out, since a message in the company's voice
 * should not repeat whatever a visitor typed as their name.
 */
import { LANGUAGES, type Language } from '../../contract/languages';
import { ConfigurationError, invalidField } from './errors';

const BUILT_IN: Readonly<Record<Language, string>> = {
  en: 'Thanks for your message. An agent will be with you in just a moment.',
  es: 'Gracias por tu mensaje. Un agente te atenderá en un momento.',
  fr: 'Merci pour votre message. Un conseiller vous répond dans un instant.',
  de: 'Danke für Ihre Nachricht. Gleich ist jemand aus unserem Team für Sie da.',
  'pt-BR': 'Obrigado pela mensagem. Um atendente vai falar com você em instantes.',
  ar: 'شكرًا على رسالتك. سينضم إليك أحد موظفينا خلال لحظات.',
};

/** WELCOME_MESSAGE when it is not set: the built-in texts, as the map a site owner would write. */
export const DEFAULT_WELCOME_MESSAGE = JSON.stringify(BUILT_IN);

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The texts by language, or one text for all; throws a ConfigurationError naming the variable for a broken map. */
export function parseWelcomeMessage(value: string): string | Partial<Record<Language, string>> {
  if (!value.startsWith('{')) return value;
  let map: unknown;
  try {
    map = JSON.parse(value);
  } catch {
    throw new ConfigurationError('WELCOME_MESSAGE', 'starts with "{" but is not a JSON map of languages to texts');
  }
  const entries = Object.entries(map as Record<string, unknown>);
  const wrong = entries.find(([language, text]) => !isLanguage(language) || typeof text !== 'string');
  if (wrong !== undefined) throw new ConfigurationError('WELCOME_MESSAGE', `maps "${wrong[0]}", but only ${LANGUAGES.join(', ')} to texts are understood`);
  return Object.fromEntries(entries.map(([language, text]) => [language, String(text).trim()]));
}

/**
 * The visitor's language from initWebchat's `language` parameter: one of the widget's languages, or
 * English when the widget sent none (an older widget). A region the widget has no texts for reads
 * its language's (`de-AT` reads `de`, `pt` reads `pt-BR`).
 */
export function parseLanguage(value: unknown): Language {
  if (value === undefined) return 'en';
  if (typeof value !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/.test(value)) {
    throw invalidField('language', 'language must be a language tag such as "en" or "pt-BR".');
  }
  const primary = value.split('-')[0]?.toLowerCase();
  return LANGUAGES.find((language) => language.toLowerCase() === value.toLowerCase()) ?? LANGUAGES.find((language) => language.split('-')[0] === primary) ?? 'en';
}

/** The welcome to post for a visitor reading `language`; '' for none. */
export function welcomeFor(setting: string, language: Language, friendlyName: string | null): string {
  const texts = parseWelcomeMessage(setting);
  const template = typeof texts === 'string' ? texts : (texts[language] ?? texts.en ?? BUILT_IN[language]);
  // Without a name, "Welcome {friendlyName}!" reads "Welcome!" rather than "Welcome !".
  return friendlyName === null ? template.replace(/\s*\{friendlyName\}/g, '').trim() : template.replace(/\{friendlyName\}/g, friendlyName);
}
