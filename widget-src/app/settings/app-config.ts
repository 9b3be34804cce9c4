/**
 * The host's loose `WebchatConfig` turned into complete settings with defaults, once, so the
 * store and components never deal with missing keys.
 */
import type { MemberDisplayOptions, PreEngagementField, WebchatConfig } from '../../common/config';
import { FLEX_WEB_FILES, LIMITS } from '../../../contract/limits';
import { isExtraKey } from '../../../contract/pre-engagement-rules';
import { t, textLocale } from '../i18n/translate';

export interface AttachmentSettings {
  enabled: boolean;
  maxFileSize: number;
  /** Bytes of all the files sent in one go. */
  maxTotalFileSize: number;
  /** Lower-case, without the dot. */
  acceptedExtensions: string[];
  maxFiles: number;
}

export interface AppConfig {
  fields: Array<Required<Omit<PreEngagementField, 'autocomplete'>> & { autocomplete: string }>;
  prefill: Record<string, string>;
  skipForm: boolean;
  attachments: AttachmentSettings;
  names: Required<Pick<MemberDisplayOptions, 'yourDefaultName' | 'theirDefaultName'>> &
    Required<Pick<MemberDisplayOptions, 'yourFriendlyNameOverride' | 'theirFriendlyNameOverride'>>;
  maxMessageLength: number;
  /** The chosen language's tag (i18n/languages.ts), for dates and numbers. */
  locale: string;
  /** The panel's heading. */
  title: string;
  /** The text above the pre-engagement form. */
  welcome: string;
  /** Whether the deployment emails transcripts (webchatConfig's `transcriptEmail`). */
  transcriptEmail: boolean;
  /** Whether the page signs its visitor in (`identityToken` or `getIdentityToken`): their earlier chats are offered. */
  signedIn: boolean;
}


const defaultFields = (): PreEngagementField[] => [
  { name: 'friendlyName', label: t('name'), type: 'text', required: true, autocomplete: 'name' },
  { name: 'email', label: t('email'), type: 'email', required: true, autocomplete: 'email' },
  { name: 'query', label: t('query'), type: 'textarea', required: true },
];

function isStandardField(name: string): name is 'friendlyName' | 'email' | 'query' {
  return name === 'friendlyName' || name === 'email' || name === 'query';
}

function limitFor(name: string): number {
  // The backend's own limits: longer input would only be refused there.
  return isStandardField(name) ? LIMITS[name] : LIMITS.extraValue;
}

/** Fills in defaults, in the current language (i18n/translate.ts), and clamps values to what the backend accepts. */
export function resolveAppConfig(config: WebchatConfig): AppConfig {
  const named = (config.preEngagement?.fields ?? defaultFields()).filter((field) => isStandardField(field.name) || isExtraKey(field.name));
  // The backend stores at most this many site-specific fields.
  const extras = named.filter((field) => !isStandardField(field.name)).slice(0, LIMITS.extraFields);
  const fields = named
    .filter((field) => isStandardField(field.name) || extras.includes(field))
    .map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type ?? 'text',
      required: field.required ?? false,
      maxLength: Math.min(field.maxLength ?? limitFor(field.name), limitFor(field.name)),
      autocomplete: field.autocomplete ?? 'off',
    }));
  const file = config.fileAttachment ?? {};
  const names = config.memberDisplayOptions ?? {};
  return {
    fields,
    prefill: { ...(config.preEngagement?.prefill ?? {}) },
    skipForm: config.preEngagement?.skip === true,
    attachments: {
      enabled: file.enabled ?? true,
      // A site may narrow Flex's limits, never widen them: Flex would refuse the file after its upload.
      maxFileSize: Math.min(file.maxFileSize ?? FLEX_WEB_FILES.maxFileBytes, FLEX_WEB_FILES.maxFileBytes),
      maxTotalFileSize: Math.min(file.maxTotalFileSize ?? FLEX_WEB_FILES.maxTotalBytes, FLEX_WEB_FILES.maxTotalBytes),
      acceptedExtensions: (file.acceptedExtensions ?? FLEX_WEB_FILES.extensions).map((ext) => ext.replace(/^\./, '').toLowerCase()),
      maxFiles: file.maxFiles ?? 5,
    },
    names: {
      yourDefaultName: names.yourDefaultName ?? t('you'),
      theirDefaultName: names.theirDefaultName ?? t('agent'),
      yourFriendlyNameOverride: names.yourFriendlyNameOverride ?? false,
      theirFriendlyNameOverride: names.theirFriendlyNameOverride ?? false,
    },
    // A UTF-16 code unit is at most 3 bytes of UTF-8: within this, every message fits Twilio's limit.
    maxMessageLength: Math.min(config.maxMessageLength ?? 2000, Math.floor(LIMITS.messageBodyBytes / 3)),
    locale: textLocale(),
    title: config.strings?.title ?? t('title'),
    welcome: config.strings?.welcome ?? t('welcome'),
    transcriptEmail: config.transcriptEmail === true,
    signedIn: config.identityToken !== undefined || config.getIdentityToken !== undefined,
  };
}
