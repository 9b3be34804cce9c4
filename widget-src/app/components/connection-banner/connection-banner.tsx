import type { Banner } from '../../store/chat-state';
import type { ChatTextKey } from '../../i18n/en-chat';
import { t } from '../../i18n/chat-texts';

const TEXT: Record<Exclude<Banner, null>, ChatTextKey> = {
  connecting: 'bannerConnecting',
  reconnecting: 'bannerReconnecting',
  restored: 'bannerRestored',
  offline: 'bannerOffline',
};

/**
 * Connection state, announced politely; the live region stays in the DOM so changes are read out.
 * Without a network the SDK just keeps retrying: the visitor is told they are offline instead
 * (the SDK changes state on the browser's offline and online events, so this renders again then).
 */
export function ConnectionBanner({ banner }: { banner: Banner }) {
  const shown = banner === 'reconnecting' && !navigator.onLine ? 'offline' : banner;
  return (
    <div class={`banner ${shown ?? ''}`} role="status">
      {shown && t(TEXT[shown])}
    </div>
  );
}
