/**
 * The widget's two calls to the backend: start a chat and renew its token.
 * Contract: issue 2 (`initWebchat`, `refreshToken`).
 */
import { isTransportDescriptor, type ChatSession } from '../transport/chat-transport';
import { ApiError } from './api-error';

/** Slightly above the Functions' own 10 s limit, so the backend's error answer arrives first. */
const TIMEOUT_MS = 15_000;

export interface RefreshedToken {
  token: string;
  expiration: string;
}

/** The calls the store needs; an interface so tests can substitute them. */
export interface WebchatApi {
  initWebchat(formData: Record<string, string>): Promise<ChatSession>;
  refreshToken(token: string, conversationSid: string): Promise<RefreshedToken>;
}

type Fetch = typeof fetch;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function post(fetchImpl: Fetch, url: string, body: unknown): Promise<Record<string, unknown>> {
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
      typeof error.code === 'string' ? error.code : 'HTTP_ERROR',
      typeof error.message === 'string' ? error.message : `The chat service answered ${response.status}.`,
      typeof error.field === 'string' ? error.field : undefined,
    );
  }
  if (!isRecord(json)) throw new ApiError(response.status, 'BAD_RESPONSE', 'The chat service sent an unreadable answer.');
  return json;
}

/** Creates the API client for the Functions at `serverUrl` (no trailing slash). */
export function createApi(serverUrl: string, fetchImpl: Fetch = (input, init) => fetch(input, init)): WebchatApi {
  return {
    async initWebchat(formData) {
      const json = await post(fetchImpl, `${serverUrl}/initWebchat`, { formData });
      const { token, conversationSid, identity, expiration, transport } = json;
      if (
        typeof token !== 'string' ||
        typeof conversationSid !== 'string' ||
        typeof identity !== 'string' ||
        typeof expiration !== 'string' ||
        !isTransportDescriptor(transport)
      ) {
        throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      }
      return { token, conversationSid, identity, expiration, transport };
    },
    async refreshToken(token, conversationSid) {
      const json = await post(fetchImpl, `${serverUrl}/refreshToken`, { token, conversationSid });
      if (typeof json.token !== 'string' || typeof json.expiration !== 'string') {
        throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      }
      return { token: json.token, expiration: json.expiration };
    },
  };
}
