/** What the visitor reads when starting a chat fails, by the backend's error code. */
import { isApiError } from '../../api/api-error';
import { t } from '../i18n/form-texts';
import { textLocale } from '../i18n/translate';

/** The visitor-facing sentence for a failed `initWebchat`. */
export function startErrorMessage(error: unknown): string {
  if (!isApiError(error)) return t('startError');
  switch (error.code) {
    case 'NETWORK_ERROR':
      return t('unreachable');
    case 'ORIGIN_NOT_ALLOWED':
      return t('notAllowed');
    case 'PAYLOAD_TOO_LARGE':
      return t('payloadTooLarge');
    case 'QUESTION_NOT_DELIVERED':
      return t('notDelivered');
    case 'CAPTCHA_REQUIRED':
      return t('captchaFirst');
    case 'TOO_MANY_CHATS': {
      // The deployment's ceiling of new chats is reached: when to try again, the visitor's way.
      const seconds = error.retryAfter ?? 60;
      const format = new Intl.RelativeTimeFormat(textLocale());
      return t('busy', { when: seconds < 60 ? format.format(seconds, 'second') : format.format(Math.ceil(seconds / 60), 'minute') });
    }
    // The backend's own sentence says what to change; it is in English.
    case 'CAPTCHA_FAILED':
    case 'INVALID_FIELD':
    case 'INVALID_REQUEST':
      return error.message;
    default:
      return t('unavailable');
  }
}
