/**
 * The widget's public settings, from the service's environment variables (WIDGET_*), so a change in
 * the Console reaches every site that embeds the widget. The answer has the shape of the host
 * page's `initWebchat(config)` (widget-src/common/config.ts) and holds only what a visitor's
 * browser may see; unset variables are left out so the widget's defaults apply. Dependency-free
 * apart from config.ts, and validated at first use with errors that name the variable.
 */
import { integer, text, type Environment } from './config';
import { ConfigurationError } from './errors';
import { readTranscriptEmailConfig } from './transcript-email-config';
import type { DeploymentSettings, FormFieldSetting } from '../../contract/api';
import { LIMITS } from '../../contract/limits';
import { parsePreEngagement } from './pre-engagement';

/** The original app's limit for one attachment, and the most the widget offers. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const FIELD_TYPES: readonly FormFieldSetting['type'][] = ['text', 'email', 'textarea'];

function shortText(env: Environment, name: string, max: number): string | undefined {
  const value = text(env, name);
  if (value !== undefined && value.length > max) throw new ConfigurationError(name, `must be at most ${max} characters`);
  return value;
}

function bool(env: Environment, name: string): boolean | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new ConfigurationError(name, 'must be true or false');
  return value === 'true';
}

function colour(env: Environment, name: string): string | undefined {
  const value = text(env, name);
  if (value !== undefined && !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(value)) throw new ConfigurationError(name, 'must be a colour like #0263e0');
  return value;
}

function locale(env: Environment): string | undefined {
  const value = text(env, 'WIDGET_LANGUAGE');
  if (value === undefined) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(value);
    return canonical;
  } catch {
    throw new ConfigurationError('WIDGET_LANGUAGE', 'must be a language tag like en, en-GB or fr-CA');
  }
}

/** initWebchat's own rule for form keys, so a configured field can never make every chat fail. */
function acceptedByInitWebchat(fieldName: string): boolean {
  try {
    parsePreEngagement({ formData: { [fieldName]: fieldName === 'email' ? 'visitor@example.com' : 'x' } });
    return true;
  } catch {
    // Refused by initWebchat: the caller names the variable in its own error.
    return false;
  }
}

function parseField(raw: unknown, index: number): FormFieldSetting {
  const name = 'WIDGET_FORM_FIELDS';
  const field = (raw ?? {}) as Record<string, unknown>;
  if (typeof field.name !== 'string' || !acceptedByInitWebchat(field.name)) {
    throw new ConfigurationError(name, `has field ${index + 1} without a name initWebchat accepts (letters, digits and _, starting with a letter)`);
  }
  if (typeof field.label !== 'string' || field.label.trim() === '' || field.label.length > 100) {
    throw new ConfigurationError(name, `has field "${field.name}" without a label of 1 to 100 characters`);
  }
  const type = FIELD_TYPES.find((candidate) => candidate === (field.type ?? 'text'));
  if (type === undefined) throw new ConfigurationError(name, `has field "${field.name}" with a type other than ${FIELD_TYPES.join(', ')}`);
  if (field.required !== undefined && typeof field.required !== 'boolean') throw new ConfigurationError(name, `has field "${field.name}" whose required is not true or false`);
  return { name: field.name, label: field.label.trim(), type, required: field.required === true };
}

function formFields(env: Environment): FormFieldSetting[] | undefined {
  const name = 'WIDGET_FORM_FIELDS';
  const value = text(env, name);
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigurationError(name, 'must be a JSON array like [{"name":"friendlyName","label":"Name","required":true}]');
  }
  // The three standard fields plus the extra fields initWebchat accepts.
  const most = 3 + LIMITS.extraFields;
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > most) throw new ConfigurationError(name, `must be a JSON array of 1 to ${most} fields`);
  const fields = parsed.map(parseField);
  if (new Set(fields.map((field) => field.name)).size !== fields.length) throw new ConfigurationError(name, 'names a field twice');
  return fields;
}

function extensions(env: Environment): string[] | undefined {
  const name = 'WIDGET_ATTACHMENT_EXTENSIONS';
  const value = text(env, name);
  if (value === undefined) return undefined;
  const list = value.split(',').map((entry) => entry.trim().replace(/^\./, '').toLowerCase()).filter(Boolean);
  if (list.length === 0 || !list.every((entry) => /^[a-z0-9]{1,10}$/.test(entry))) throw new ConfigurationError(name, 'must be file extensions separated by commas, like jpg,png,pdf');
  return list;
}

/** Drops undefined values, and the whole object when nothing is left, so unset means "widget default". */
function defined<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

export function readWidgetSettings(env: Environment): DeploymentSettings {
  const optionalInteger = (name: string, min: number, max: number) => (text(env, name) === undefined ? undefined : integer(env, name, min, min, max));
  const dark = bool(env, 'WIDGET_DARK_THEME');
  const fields = formFields(env);
  const settings: DeploymentSettings = {
    strings: defined({
      title: shortText(env, 'WIDGET_TITLE', 60),
      welcome: shortText(env, 'WIDGET_WELCOME_TEXT', 300),
    }),
    theme: defined({
      isLight: dark === undefined ? undefined : !dark,
      overrides: defined({ '--twc-brand': colour(env, 'WIDGET_BRAND_COLOR'), '--twc-on-brand': colour(env, 'WIDGET_BRAND_TEXT_COLOR') }),
    }),
    preEngagement: fields === undefined ? undefined : { fields },
    fileAttachment: defined({
      enabled: bool(env, 'WIDGET_ATTACHMENTS_ENABLED'),
      maxFileSize: optionalInteger('WIDGET_ATTACHMENT_MAX_BYTES', 1, MAX_FILE_BYTES),
      acceptedExtensions: extensions(env),
      maxFiles: optionalInteger('WIDGET_ATTACHMENT_MAX_FILES', 1, 10),
    }),
    locale: locale(env),
    // Only `true`: a widget that is told nothing offers no email.
    transcriptEmail: readTranscriptEmailConfig(env) === null ? undefined : true,
  };
  return defined(settings) ?? {};
}
