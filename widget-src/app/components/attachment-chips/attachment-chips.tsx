import type { PendingFile } from '../../attachments/check-files';
import { formatBytes } from '../../format/bytes';
import { FILE_ICON, Icon, REMOVE_ICON } from '../icon';
import { t } from '../../i18n/chat-texts';

interface Props {
  files: PendingFile[];
  onRemove: (id: string) => void;
  /** Sends the files again from the failed one on. */
  onRetry: () => void;
}

/**
 * Files waiting to be sent, each with its name, size and where it stands: waiting (removable),
 * sending, or not sent with a retry. Each leaves the list once it is a message in the chat.
 */
export function AttachmentChips({ files, onRemove, onRetry }: Props) {
  if (files.length === 0) return null;
  return (
    <ul class="chips" aria-label={t('files')}>
      {files.map((file) => (
        <li class={`chip${file.status === undefined ? '' : ` ${file.status}`}`} key={file.id}>
          <Icon path={FILE_ICON} />
          <span class="chip-name">{file.name}</span>
          <span class="chip-size">{formatBytes(file.size)}</span>
          {file.status === 'sending' && (
            <span class="chip-status" role="status">
              {t('outbox.sending')}
            </span>
          )}
          {file.status === 'failed' && (
            <>
              <span class="chip-status">{t('outbox.notSent')}</span>
              <button type="button" class="link-button" onClick={onRetry}>
                {t('outbox.retry')}
              </button>
            </>
          )}
          {file.status !== 'sending' && (
            <button type="button" class="chip-remove" aria-label={t('remove', { file: file.name })} onClick={() => onRemove(file.id)}>
              <Icon path={REMOVE_ICON} />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
