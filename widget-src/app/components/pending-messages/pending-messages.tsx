import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Outbox, PendingMessage } from '../../outbox/outbox';
import { t } from '../../i18n/chat-texts';
import { MessageBody } from '../message-item/message-body';

interface Props {
  outbox: Outbox;
  connected: boolean;
}

/** Shortened for the buttons' accessible names, which say which message they act on. */
function excerpt(body: string): string {
  return body.length > 40 ? `${body.slice(0, 40)}…` : body;
}

/** What a message that is not failed says about itself; one behind a failed message waits for it. */
function receipt({ state, slow }: PendingMessage, held: boolean, connected: boolean) {
  if (state === 'unsent') return 'outbox.ended';
  if (held) return 'outbox.held';
  return slow ? 'outbox.slow' : connected ? 'outbox.sending' : 'outbox.waiting';
}

/**
 * The visitor's messages that have not reached the chat yet, after the ones that have, oldest
 * first: waiting, being sent (taking long), not sent with Retry and Remove buttons, held behind one
 * not sent, or left when the chat ended.
 */
export function PendingMessages({ outbox, connected }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { pending } = outbox;
  // A message just queued is the visitor's own: bring it into view as a sent one would be.
  useLayoutEffect(() => {
    const list = ref.current?.closest('.messages');
    if (list) list.scrollTop = list.scrollHeight;
  }, [pending.length]);
  return (
    <div class="pending-messages" ref={ref}>
      {pending.map((message, i) => (
        <div key={message.id} class={`message mine first pending ${message.state}`}>
          <div class="bubble">
            <MessageBody body={message.body} />
          </div>
          {message.state === 'failed' ? (
            <p class="receipt">
              {t('outbox.notSent')} —{' '}
              <button type="button" class="link-button" aria-label={t('outbox.retryLabel', { body: excerpt(message.body) })} onClick={() => outbox.retry(message.id)}>
                {t('outbox.retry')}
              </button>{' '}
              ·{' '}
              <button type="button" class="link-button" aria-label={t('outbox.removeLabel', { body: excerpt(message.body) })} onClick={() => outbox.remove(message.id)}>
                {t('outbox.remove')}
              </button>
            </p>
          ) : (
            <p class="receipt">
              {t(receipt(message, pending.slice(0, i).some((earlier) => earlier.state === 'failed'), connected))}
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
