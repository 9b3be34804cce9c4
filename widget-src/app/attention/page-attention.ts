/**
 * Draws a visitor in another tab back to the chat: while the page is hidden, each new message from
 * the agent makes the title alternate between the count and the page's own title, and, when the
 * site enables `sound`, plays a chime. With prefers-reduced-motion the title changes once to the
 * count instead of blinking. The page's title comes back exactly when the visitor returns.
 */
import { t } from '../i18n/chat-texts';
import { createChime } from './chime';

const FLASH_MS = 1_500;

export interface PageAttention {
  /** A message from someone else arrived. */
  messageReceived(): void;
  destroy(): void;
}

export function createPageAttention(sound: boolean): PageAttention {
  const chime = sound ? createChime() : null;
  let count = 0;
  let original = '';
  let timer: ReturnType<typeof setInterval> | undefined;

  function restore(): void {
    if (count === 0) return;
    clearInterval(timer);
    document.title = original;
    count = 0;
  }
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') restore();
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', restore);

  return {
    messageReceived() {
      if (document.visibilityState !== 'hidden') return;
      chime?.play();
      if (count === 0) {
        original = document.title;
        if (!matchMedia('(prefers-reduced-motion: reduce)').matches) {
          timer = setInterval(() => {
            document.title = document.title === original ? t('attention.newMessages', { count }) : original;
          }, FLASH_MS);
        }
      }
      count += 1;
      document.title = t('attention.newMessages', { count });
    },
    destroy() {
      restore();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', restore);
      chime?.close();
    },
  };
}
