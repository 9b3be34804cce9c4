import type { Banner } from '../../store/chat-state';

const TEXT: Record<Exclude<Banner, null>, string> = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  restored: 'Connection restored.',
  offline: 'You are offline. We will reconnect when the network is back.',
};

/** Connection state, announced politely; the live region stays in the DOM so changes are read out. */
export function ConnectionBanner({ banner }: { banner: Banner }) {
  return (
    <div class={`banner ${banner ?? ''}`} role="status">
      {banner === null ? null : TEXT[banner]}
    </div>
  );
}
