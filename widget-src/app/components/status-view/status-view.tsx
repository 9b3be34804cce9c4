import { useRef } from 'preact/hooks';
import type { Failure } from '../../store/chat-state';
import { useFocusWhenOpen } from '../use-focus-when-open';
import { t } from '../../i18n/translate';

/** A centred progress message (connecting, resuming). */
export function StatusView({ text }: { text: string }) {
  return (
    <div class="status-view" role="status">
      <span class="spinner" aria-hidden="true" />
      <p>{text}</p>
    </div>
  );
}

interface FailureProps {
  failure: Failure;
  open: boolean;
  onRetry: () => void;
  onStartNew: () => void;
}

/** A blocking error with its way forward: "Try again" when that can help, and always "Start new chat". */
export function FailureView({ failure, open, onRetry, onStartNew }: FailureProps) {
  const actionRef = useRef<HTMLButtonElement>(null);
  useFocusWhenOpen(actionRef, open);
  return (
    <div class="status-view">
      <p role="alert">{failure.message}</p>
      <div class="actions">
        {failure.canRetry && (
          <button type="button" class="primary" ref={actionRef} onClick={onRetry}>
            {t('retry')}
          </button>
        )}
        <button
          type="button"
          class={failure.canRetry ? 'secondary' : 'primary'}
          ref={failure.canRetry ? undefined : actionRef}
          onClick={onStartNew}
        >
          {t('startNew')}
        </button>
      </div>
    </div>
  );
}
