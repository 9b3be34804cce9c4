import type { TargetedKeyboardEvent } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatState } from '../../store/chat-state';
import { t } from '../../i18n/chat-texts';

export interface EndChatProps {
  endStatus: ChatState['endStatus'];
  /** Resolves true once the chat is closed. */
  onEnd: () => Promise<boolean>;
}

const QUESTION_ID = 'twc-end-chat-question';

/**
 * "End chat" above the conversation, with an inline confirm step: focus moves to "Keep chatting"
 * (the harmless choice) when it opens and back to "End chat" when it is dismissed, by that button
 * or by Escape. A failure closes the confirm and says so; the chat goes on.
 */
export function EndChat({ endStatus, onEnd }: EndChatProps) {
  const [confirming, setConfirming] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const ending = endStatus === 'ending';

  // Before paint: a key pressed as the confirm appears must reach it, not the page behind.
  useLayoutEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [confirming]);

  const cancel = () => {
    if (ending) return;
    returnFocus.current = true;
    setConfirming(false);
  };
  const confirm = () => {
    if (ending) return;
    void onEnd().then((closed) => {
      if (closed) return;
      returnFocus.current = true;
      setConfirming(false);
    });
  };
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    // Escape would otherwise also close the whole panel.
    event.stopPropagation();
    cancel();
  };

  if (!confirming) {
    return (
      <div class="end-bar">
        {endStatus === 'failed' && <p role="alert">{t('endChat.failed')}</p>}
        <button type="button" class="end-open" ref={triggerRef} onClick={() => setConfirming(true)}>
          {t('endChat.open')}
        </button>
      </div>
    );
  }
  return (
    <div class="end-confirm" role="group" aria-labelledby={QUESTION_ID} onKeyDown={onKeyDown}>
      <p id={QUESTION_ID}>{ending ? t('endChat.ending') : t('endChat.question')}</p>
      <div class="end-actions">
        <button type="button" class="primary" aria-disabled={ending} onClick={confirm}>
          {t('endChat.open')}
        </button>
        <button type="button" class="secondary" ref={keepRef} aria-disabled={ending} onClick={cancel}>
          {t('endChat.keep')}
        </button>
      </div>
    </div>
  );
}
