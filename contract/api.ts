/**
 * The HTTP contract between the widget and the Functions: what each endpoint takes, what it answers,
 * and the error codes it may answer with. Types and dependency-free guards only, so the Functions
 * (Node) and the widget (browser) import the same file. Handlers: functions/*.ts.
 */
import type { Availability } from './contact-center-api';
import type { TranscriptDocument } from './transcript';

/**
 * How to reach Twilio's realtime service (part of the `initWebchat` answer). `websocketUri` is set
 * only when the backend itself runs against the local emulator; production leaves it out and the
 * SDK connects to Twilio.
 */
export interface TransportDescriptor {
  websocketUri?: string;
}

/** Checks a descriptor from the network or from storage before the SDK is pointed anywhere. */
export function isTransportDescriptor(value: unknown): value is TransportDescriptor {
  if (typeof value !== 'object' || value === null) return false;
  const { websocketUri } = value as { websocketUri?: unknown };
  return websocketUri === undefined || (typeof websocketUri === 'string' && /^wss?:\/\/[^\s]+$/.test(websocketUri));
}

export type CaptchaProvider = 'turnstile' | 'hcaptcha' | 'recaptcha';

/** What the widget needs to show the site owner's captcha (public: a site key is meant for browsers). */
export interface CaptchaDescription {
  provider: CaptchaProvider;
  siteKey: string;
  scriptUrl: string;
  /** The global the provider's script defines, with `render(element, {sitekey, callback})`. */
  global: string;
}

/** POST /challenge takes `{}` and answers this. */
export interface ChallengeAnswer {
  /** `payload.signature`, to send back with `initWebchat`. */
  challenge: string;
  /** About 2^difficulty hashes in all (contract/proof-of-work.ts). */
  difficulty: number;
  /** ISO 8601. */
  expiresAt: string;
  /** Present when the site owner configured a captcha. */
  captcha?: CaptchaDescription;
}

/** POST /initWebchat. */
export interface InitWebchatRequest {
  formData: Record<string, string>;
  challenge: string;
  solution: string;
  /** The captcha's token, once a start was refused with `CAPTCHA_REQUIRED`. */
  captchaToken?: string;
  /**
   * The secret key of one start (at least 128 random bits, 32 to 64 of `A-Za-z0-9+/_-`), kept by the
   * browser across its attempts, so a retry carries on with a chat an earlier attempt created.
   */
  startId?: string;
  attempt?: number;
  /** The site's signed token for its logged-in visitor (README, Signed-in visitors). */
  identityToken?: string;
  /** The widget's language the visitor reads (contract/languages.ts): the welcome's, kept by the chat. */
  language?: string;
}

/** What `initWebchat` answers, and what the widget keeps to resume a chat. */
export interface InitWebchatAnswer {
  token: string;
  conversationSid: string;
  identity: string;
  /** ISO 8601 time at which `token` expires. */
  expiration: string;
  transport: TransportDescriptor;
}

/** POST /refreshToken. */
export interface RefreshTokenRequest {
  token: string;
  conversationSid: string;
  /** A signed-in visitor's: the chat must be theirs. */
  identityToken?: string;
}

export interface RefreshTokenAnswer {
  token: string;
  /** ISO 8601. */
  expiration: string;
}

/**
 * POST /visitorChats: for a visitor the site signed in (`identityToken`, see README), the chat they
 * may carry on in (begun on any device; with a token for it) and their chats, newest first, 10 a page.
 */
export interface VisitorChatsRequest {
  identityToken: string;
  /** From 0. */
  page?: number;
}

export interface VisitorChatsAnswer {
  open: InitWebchatAnswer | null;
  chats: Array<{ conversationSid: string; /** ISO 8601. */ startedAt: string }>;
  nextPage: number | null;
}

/** POST /visitorTranscript: one of the signed-in visitor's chats, open or ended, as a transcript. */
export interface VisitorTranscriptRequest {
  identityToken: string;
  conversationSid: string;
}

export interface VisitorTranscriptAnswer {
  transcript: TranscriptDocument;
}

/** POST /endChat takes the same `{token, conversationSid}` as refreshToken. */
export type EndChatRequest = Omit<RefreshTokenRequest, 'identityToken'>;

/** The chat is closed (also when it was before the call). */
export interface EndChatAnswer {
  state: 'closed';
}

/** One field of the pre-engagement form, as the deployment's settings describe it. */
export interface FormFieldSetting {
  name: string;
  label: string;
  type: 'text' | 'email' | 'textarea';
  required: boolean;
}

/**
 * GET /webchatConfig: the deployment's widget settings (WIDGET_* variables), in the shape of the host
 * page's `initWebchat(config)`. Unset variables are left out so the widget's defaults apply.
 */
export interface DeploymentSettings {
  strings?: { title?: string; welcome?: string };
  /** Colours as the widget's CSS custom properties (widget-src/loader/loader.css). */
  theme?: { isLight?: boolean; overrides?: { '--twc-brand'?: string; '--twc-on-brand'?: string } };
  preEngagement?: { fields: FormFieldSetting[] };
  fileAttachment?: { enabled?: boolean; maxFileSize?: number; acceptedExtensions?: string[]; maxFiles?: number };
  locale?: string;
  /** True when the deployment can email a visitor the transcript (SENDGRID_API_KEY and TRANSCRIPT_FROM_EMAIL are set). */
  transcriptEmail?: boolean;
  /** Whether a chat can start now; always present. */
  availability?: Availability;
}

/**
 * POST /emailTranscript: emails the conversation to the address the visitor gave in the
 * pre-engagement form. It takes no address: the Function reads it from the conversation. Until that
 * address is proven the visitor's, the answer is a code emailed to it; the same request with `code`
 * proves it and sends the transcript.
 */
export interface EmailTranscriptRequest {
  token: string;
  conversationSid: string;
  /** The 6 digits of the code emailed to the address. */
  code?: string;
}

export type EmailTranscriptAnswer =
  | {
      sent: 'transcript';
      /** How many more transcript emails this conversation may send. */
      remaining: number;
    }
  | {
      sent: 'code';
      /** The address the code went to (the one the visitor gave in the form). */
      to: string;
      /** ISO 8601: the code works until then. */
      expiresAt: string;
    };

/** Every code a Function answers with; the status that goes with each is in functions/lib. */
export type ErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_FIELD'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'ORIGIN_NOT_ALLOWED'
  | 'CHALLENGE_REQUIRED'
  | 'CHALLENGE_INVALID'
  | 'CHALLENGE_EXPIRED'
  | 'CHALLENGE_USED'
  | 'CAPTCHA_FAILED'
  | 'CAPTCHA_REQUIRED'
  | 'CAPTCHA_UNAVAILABLE'
  | 'TOO_MANY_CHATS'
  | 'CHAT_CLOSED'
  | 'CHAT_NOT_ENDED'
  | 'ALREADY_RATED'
  | 'RATING_TOO_LATE'
  | 'TOKEN_INVALID'
  | 'IDENTITY_TOKEN_INVALID'
  | 'IDENTITY_TOKEN_EXPIRED'
  | 'IDENTITY_KEYS_UNAVAILABLE'
  | 'IDENTITY_NOT_ACCEPTED'
  | 'TOKEN_EXPIRED'
  | 'SESSION_EXPIRED'
  | 'CONVERSATION_NOT_FOUND'
  | 'CONVERSATION_CLOSED'
  | 'QUESTION_NOT_DELIVERED'
  | 'TRANSCRIPTS_DISABLED'
  | 'NO_EMAIL_ADDRESS'
  | 'TOO_MANY_TRANSCRIPTS'
  | 'TOO_MANY_EMAIL_CODES'
  | 'EMAIL_CODE_WRONG'
  | 'EMAIL_CODE_EXPIRED'
  | 'EMAIL_NOT_SENT'
  | 'CONFIGURATION_ERROR'
  | 'INTERNAL_ERROR'
  | 'TWILIO_ERROR'
  | 'TWILIO_TIMEOUT'
  | 'TWILIO_BUSY'
  | 'TWILIO_UNAVAILABLE';

/** Every failure's body. `field` names the input at fault, when there is one. */
export interface ErrorAnswer {
  /**
   * `retryAfterSeconds` with a 429 or 503: the `Retry-After` header, which a page's script cannot read across origins.
   * `availability` with `CHAT_CLOSED` (409): why the chat is closed and when it opens.
   */
  error: { code: ErrorCode; message: string; field?: string; retryAfterSeconds?: number; availability?: Availability };
}
