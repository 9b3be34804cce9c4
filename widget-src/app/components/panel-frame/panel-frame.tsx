import type { ComponentChildren } from 'preact';
import { Icon, REMOVE_ICON } from '../icon';
import { t } from '../../i18n/translate';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}

/** The panel's header (its title names the dialog, see loader/widget.ts) above the current view. */
export function PanelFrame({ title, onClose, children }: Props) {
  return (
    <>
      <div class="header">
        <h2 class="title" id="twc-title">
          {title}
        </h2>
        <button type="button" class="icon-button" aria-label={t('minimize')} onClick={onClose}>
          <Icon path={REMOVE_ICON} />
        </button>
      </div>
      <div class="body">{children}</div>
    </>
  );
}
