/**
 * The chat app, loaded by the loader on first open (or at page load when a saved session exists)
 * through its chunk entry (chunk.ts). Exports `mount` only: see shared/app-contract.ts.
 */
import { render } from 'preact';
import { createApi } from '../api/client';
import type { AppHandle, MountOptions } from '../shared/app-contract';
import { adoptStyles } from '../shared/styles';
import { createTransport } from '../transport/create-transport';
import { AppRoot } from './components/app-root';
import { trackEngagement } from './components/use-focus-when-open';
import { resolveAppConfig } from './store/app-config';
import { ChatStore } from './store/chat-store';
import { localSessionStore } from './store/local-session-store';
import { appCss } from './styles';

/** Renders the app into `options.container` and starts (or resumes) the chat. */
export function mount(options: MountOptions): AppHandle {
  adoptStyles(options.shadowRoot, appCss);
  trackEngagement(options.shadowRoot);
  const config = resolveAppConfig(options.config);
  const store = new ChatStore({
    config,
    api: createApi(options.serverUrl),
    createTransport: (session) => createTransport(session, options.loaderUrl),
    sessions: localSessionStore,
  });
  let open = options.open;
  let lastUnread = -1;
  const paint = (): void => render(<AppRoot store={store} config={config} open={open} />, options.container);
  store.subscribe(() => {
    const { unreadCount } = store.getState();
    if (unreadCount !== lastUnread) {
      lastUnread = unreadCount;
      options.onUnread(unreadCount);
    }
  });
  paint();
  void store.start();
  return {
    setOpen(next) {
      open = next;
      if (!open) store.setAttention(false);
      paint();
    },
    async destroy() {
      render(null, options.container);
      await store.destroy();
    },
  };
}
