import type { TextOverrides } from '../app/i18n/en';

/**
 * The configuration a host page passes to `window.Twilio.initWebchat(config)`.
 * Keys of the original Webchat React App keep their meaning (`serverUrl`, `theme`, `fileAttachment`);
 * the rest are additions, all optional.
 */
export interface WebchatConfig {
  /** Where the `initWebchat` / `refreshToken` Functions live. Defaults to the origin the loader came from. */
  serverUrl?: string;
  theme?: {
    /** Light (default) or dark palette. */
    isLight?: boolean;
    /**
     * Colour and style overrides: CSS custom properties (`{'--twc-color-brand': '#0a7'}`), our
     * camelCase names (`{colorBrand: '#0a7'}`) or the Paste tokens the original app used
     * (`backgroundColorPrimary`, `colorTextInverse`, `backgroundColorBody`, `colorText`, ...).
     */
    overrides?: Record<string, unknown>;
  };
  fileAttachment?: {
    enabled?: boolean;
    /** Bytes of one file; default and most: 16 MiB, what Flex's web chat takes. */
    maxFileSize?: number;
    /** Bytes of the files sent in one go (addition); default and most: 64 MiB, Flex's total. */
    maxTotalFileSize?: number;
    /** Extensions without the dot, e.g. `["png", "pdf"]`; default: the ten Flex's web chat takes. */
    acceptedExtensions?: string[];
    /** Files sent in one go, each as a message of its own (addition; default 5). */
    maxFiles?: number;
  };
  /** Flex-style author display options. */
  memberDisplayOptions?: MemberDisplayOptions;
  preEngagement?: PreEngagementConfig;
  /**
   * Texts replacing the widget's own, in any language: `title` (the panel's heading), `welcome`
   * (above the form), `launcherLabel`, and any key of widget-src/app/i18n/en.ts (`{name}` marks
   * stay). One text serves every plural form of a counted text.
   */
  strings?: TextOverrides & { launcherLabel?: string };
  /** Maximum characters of one message typed by the visitor (default 2000). */
  maxMessageLength?: number;
  /**
   * BCP 47 tag of the language (en, es, fr, de, pt-BR, ar; another region reads its language's
   * texts) and of dates and numbers; defaults to the browser's languages, then English.
   */
  locale?: string;
  /** Play a soft chime when an agent's message arrives while the visitor is in another tab (default false). */
  sound?: boolean;
  /** Offer "Email me the transcript"; the deployment's settings turn it on when it can send email. */
  transcriptEmail?: boolean;
  /**
   * For a visitor signed in to the site: a JWT its backend signs (`sub`, optional `name` and
   * `email`, `aud` = the chat's base URL, `exp` at most 10 minutes after `iat`; see the README).
   * Their name and email come from it, and their open chat follows them to any device.
   */
  identityToken?: string;
  /** Answers a fresh identity token (or nothing when signed out); called again when the last one is about to expire. */
  getIdentityToken?: () => string | null | undefined | Promise<string | null | undefined>;
}

/**
 * How authors are named, like Flex's `memberDisplayOptions`. Names are resolved in this order:
 * the participant's (or its user's) friendly name, unless the matching `*FriendlyNameOverride` is
 * true; then `yourDefaultName` / `theirDefaultName`; then "You" / "Agent". A raw identity is never shown.
 */
export interface MemberDisplayOptions {
  yourDefaultName?: string;
  theirDefaultName?: string;
  /** True: always show `yourDefaultName` for the visitor's own messages. */
  yourFriendlyNameOverride?: boolean;
  /** True: always show `theirDefaultName` for everybody else (hides agent names). */
  theirFriendlyNameOverride?: boolean;
}

/** One field of the pre-engagement form. Its `name` is the key sent in `formData`. */
export interface PreEngagementField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'textarea';
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
}

export interface PreEngagementConfig {
  /** Replaces the default fields (name, email, question). */
  fields?: PreEngagementField[];
  /** Values for logged-in visitors, keyed by field name. */
  prefill?: Record<string, string>;
  /** Start the chat without showing the form when `prefill` passes validation. */
  skip?: boolean;
}
