/**
 * The widget's calls to the backend: a challenge to solve, start a chat, renew its token, end it,
 * email its transcript. Contract: functions/challenge.ts, initWebchat.ts, refreshToken.ts, endChat.ts, emailTranscript.ts.
 */
import { isTransportDescriptor, type CaptchaDescription, type EmailTranscriptRequest, type EndChatAnswer, type EndChatRequest, type ErrorCode, type InitWebchatRequest, type RefreshTokenAnswer, type RefreshTokenRequest, type VisitorChatsAnswer, type VisitorChatsRequest, type VisitorTranscriptAnswer, type VisitorTranscriptRequest } from '../../contract/api';
import { type Availability, type OfflineMessageRequest, type RateChatRequest } from '../../contract/contact-center-api';
import type { ChatSession } from '../transport/chat-transport';
import { ApiError, type UnknownServerCode } from './api-error';
import type { IdentitySource } from './identity';
import type { StartCalls } from './start-calls';

/** Slightly above the Functions' own 10 s limit, so the backend's error answer arrives first. */
const TIMEOUT_MS = 15_000;

/** The calls the store needs; an interface so tests can substitute them. */
export interface WebchatApi {
  /**
   * Gets and solves a challenge ahead of `initWebchat`, while the visitor fills in the form;
   * resolves to the captcha the visitor must also solve, once a start was refused without it.
   */
  prepareStart(): Promise<CaptchaDescription | null>;
  /** `language`: the tag of the language the visitor reads, for the welcome (and all the chat sends later). */
  initWebchat(formData: Record<string, string>, captchaToken?: string, language?: string): Promise<ChatSession>;
  /** Leaves a message while the chat is closed (the offline chunk's form), with a start's challenge and key. */
  offlineMessage(formData: OfflineMessageRequest['formData'], locale: string): Promise<void>;
  refreshToken(token: string, conversationSid: string): Promise<RefreshTokenAnswer>;
  /** A signed-in visitor's open chat, begun on any device (null: none); undefined for anonymous visitors. */
  signedInChat(): Promise<ChatSession | null | undefined>;
  /** A signed-in visitor's chats, newest first, and one of them as a transcript (components/past-chats). */
  visitorChats(page: number): Promise<VisitorChatsAnswer>;
  visitorTranscript(conversationSid: string): Promise<VisitorTranscriptAnswer>;
  /** Ends the visitor's chat (closing a closed one succeeds too). */
  endChat(token: string, conversationSid: string): Promise<EndChatAnswer>;
  /** Rates a chat that ended (the rating chunk's form). */
  rateChat(body: RateChatRequest): Promise<Record<string, unknown>>;
  /** Emails the transcript, or a code that proves the visitor's address (the chat view's transcript menu). */
  emailTranscript(body: EmailTranscriptRequest): Promise<Record<string, unknown>>;
}

type Fetch = typeof fetch;

/** The bodies our Functions take. */
type RequestBody = Record<string, never> | InitWebchatRequest | OfflineMessageRequest | RateChatRequest | RefreshTokenRequest | EmailTranscriptRequest | Partial<VisitorChatsRequest & VisitorTranscriptRequest>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** POSTs JSON to one of our Functions; answers the JSON object, or throws an ApiError with the Function's code. */
async function post(fetchImpl: Fetch, url: string, body: RequestBody): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The chat service could not be reached.');
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Fall through: a non-JSON answer is reported with the status below.
  }
  if (!response.ok) {
    const error = isRecord(json) && isRecord(json.error) ? json.error : {};
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? (error.code as ErrorCode | UnknownServerCode) : 'HTTP_ERROR',
      typeof error.message === 'string' ? error.message : `The chat service answered ${response.status}.`,
      typeof error.field === 'string' ? error.field : undefined,
      typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : undefined,
      // Checked by the closed view's chunk, which reads it.
      isRecord(error.availability) ? (error.availability as unknown as Availability) : undefined,
    );
  }
  if (!isRecord(json)) throw new ApiError(response.status, 'BAD_RESPONSE', 'The chat service sent an unreadable answer.');
  return json;
}

/** A chat's session from an answer (`initWebchat`'s, or `visitorChats`'s `open`). */
function sessionOf(json: unknown): ChatSession {
  const { token, conversationSid, identity, expiration, transport } = isRecord(json) ? json : {};
  if (typeof token !== 'string' || typeof conversationSid !== 'string' || typeof identity !== 'string' || typeof expiration !== 'string' || !isTransportDescriptor(transport)) {
    throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
  }
  return { token, conversationSid, identity, expiration, transport };
}

/** POSTs `body` to the Function named `name`, as `post` does; lent to the start calls (start-calls.ts). */
export type Call = (name: string, body: RequestBody) => Promise<Record<string, unknown>>;

/**
 * Creates the API client for the Functions at `serverUrl` (no trailing slash). The calls that start
 * a chat come from `starts` (api/start-calls.ts), which the app loads as a chunk of its own
 * (app/form/load-start-form.ts); they are made once and kept, with the challenge they prepare.
 */
export function createApi(
  serverUrl: string,
  starts: (call: Call) => Promise<StartCalls>,
  fetchImpl: Fetch = (input, init) => fetch(input, init),
  identity: IdentitySource | null = null,
): WebchatApi {
  const call: Call = (name, body) => post(fetchImpl, `${serverUrl}/${name}`, body);
  let calls: Promise<StartCalls> | null = null;
  const starting = (): Promise<StartCalls> => {
    const made = (calls ??= starts(call));
    // A chunk that could not be had is asked for again on the next start.
    made.catch(() => {
      if (calls === made) calls = null;
    });
    return made;
  };

  /** The signed-in visitor's token, as a request's field; nothing for anonymous visitors. */
  async function signedIn(renewing?: boolean): Promise<{ identityToken?: string }> {
    const identityToken = await identity?.token(renewing);
    return identityToken === undefined ? {} : { identityToken };
  }

  return {
    async offlineMessage(formData, locale) {
      if ((await (await starting()).start('offlineMessage', { formData, locale })).received !== true) throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
    },
    emailTranscript: (body) => call('emailTranscript', body),
    rateChat: (body) => call('rateChat', body),
    prepareStart: () => starting().then((start) => start.prepareStart()),
    async initWebchat(formData, captchaToken, language) {
      const request = { formData, ...(captchaToken === undefined ? {} : { captchaToken }), ...(language === undefined ? {} : { language }), ...(await signedIn()) };
      return sessionOf(await (await starting()).start('initWebchat', request));
    },
    async signedInChat() {
      const body = await signedIn();
      if (body.identityToken === undefined) return undefined;
      const { open } = await call('visitorChats', body);
      return open === null ? null : sessionOf(open);
    },
    async refreshToken(token, conversationSid) {
      const body: RefreshTokenRequest = { token, conversationSid, ...(await signedIn(true)) };
      const json = await call('refreshToken', body);
      if (typeof json.token !== 'string' || typeof json.expiration !== 'string') {
        throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      }
      return { token: json.token, expiration: json.expiration };
    },
    // Shown only as the Functions answer them: the view checks nothing it does not render.
    visitorChats: async (page) => (await call('visitorChats', { page, ...(await signedIn()) })) as unknown as VisitorChatsAnswer,
    visitorTranscript: async (conversationSid) =>
      (await call('visitorTranscript', { conversationSid, ...(await signedIn()) })) as unknown as VisitorTranscriptAnswer,
    async endChat(token, conversationSid) {
      const body: EndChatRequest = { token, conversationSid }; // the same shape as refreshToken's
      const json = await call('endChat', body);
      if (json.state !== 'closed') throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      return { state: 'closed' };
    },
  };
}
