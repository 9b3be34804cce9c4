import type { Banner } from '../../store/chat-state';
import type { ChatTextKey } from '../../i18n/en-chat';
import { t } from '../../i18n/chat-texts';

const TEXT: Record<Exclude<Banner, null>, ChatTextKey> = {
  connecting: 'bannerConnecting',
  reconnecting: 'bannerReconnecting',
  restored: 'bannerRestored',
  offline: 'bannerOffline',
};

/** Connection state, announced politely; the live region stays in the DOM so changes are read out. */
export function ConnectionBanner({ banner }: { banner: Banner }) {
  return (
    <div class={`banner ${banner ?? ''}`} role="status">
      {banner === null ? null : t(TEXT[banner])}
    </div>
  );
}
