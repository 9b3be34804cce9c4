import type { PendingFile } from '../../attachments/check-files';
import { formatBytes } from '../../format/bytes';
import { FILE_ICON, Icon, REMOVE_ICON } from '../icon';
import { t } from '../../i18n/chat-texts';

interface Props {
  files: PendingFile[];
  disabled: boolean;
  onRemove: (id: string) => void;
}

/** Files waiting to be sent, each with its name, size and a remove button. */
export function AttachmentChips({ files, disabled, onRemove }: Props) {
  if (files.length === 0) return null;
  return (
    <ul class="chips" aria-label={t('files')}>
      {files.map((file) => (
        <li class="chip" key={file.id}>
          <Icon path={FILE_ICON} />
          <span class="chip-name">{file.name}</span>
          <span class="chip-size">{formatBytes(file.size)}</span>
          <button
            type="button"
            class="chip-remove"
            aria-label={t('remove', { file: file.name })}
            disabled={disabled}
            onClick={() => onRemove(file.id)}
          >
            <Icon path={REMOVE_ICON} />
          </button>
        </li>
      ))}
    </ul>
  );
}
