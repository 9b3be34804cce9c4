/** What the visitor reads when something goes wrong, in one place. */
import { isApiError } from '../../api/api-error';

export const CAPTCHA_FIRST = 'Please confirm you are not a robot first.';
export const NOT_SENT = 'Your message was not sent. Check your connection and try again.';
export const NOT_CONNECTED = 'We could not connect to the chat. Check your connection and try again.';
export const NOT_LOADED = 'The chat could not be loaded. Check your connection and try again.';
export const NOT_RECONNECTED = 'We could not reconnect to your chat. Check your connection and try again.';
export const PREVIOUS_ENDED = 'Your previous chat has ended. You can start a new one below.';
export const PREVIOUS_LOST = 'We could not resume your previous chat. You can start a new one below.';
export const SESSION_EXPIRED = 'Your chat session has expired. Start a new chat to continue.';

export function messageTooLong(maxLength: number): string {
  return `Messages can be at most ${maxLength} characters.`;
}

/** The visitor-facing sentence for a failed `initWebchat`. */
export function startErrorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong while starting the chat. Please try again.';
  switch (error.code) {
    case 'NETWORK_ERROR':
      return 'We could not reach the chat service. Check your connection and try again.';
    case 'ORIGIN_NOT_ALLOWED':
      return 'Chat is not available on this website. Please contact us another way.';
    case 'PAYLOAD_TOO_LARGE':
      return 'What you entered is too long. Please shorten it and try again.';
    case 'QUESTION_NOT_DELIVERED':
      return 'Your question could not be delivered. Please try again.';
    case 'TOO_MANY_CHATS':
    case 'CAPTCHA_FAILED':
    case 'INVALID_FIELD':
    case 'INVALID_REQUEST':
      return error.message;
    default:
      return 'The chat could not be started right now. Please try again in a moment.';
  }
}
