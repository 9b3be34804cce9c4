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
import { chatViewLoader } from './load-chat-view';
import { PanelFrame } from './components/panel-frame/panel-frame';
import { trackEngagement } from './components/use-focus-when-open';
import { resolveAppConfig } from './store/app-config';
import { ChatStore } from './store/chat-store';
import { localSessionStore } from './store/local-session-store';
import { appCss } from './styles';

/** Renders the app into the panel (`options.container`) and starts (or resumes) the chat. */
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
  const chatView = chatViewLoader(options.shadowRoot, options.loaderUrl);
  let open = options.open;
  let lastUnread = -1;
  const paint = (): void =>
    render(
      <PanelFrame title={config.title} onClose={options.onClose}>
        <AppRoot store={store} config={config} open={open} chatView={chatView} />
      </PanelFrame>,
      options.container,
    );
  store.subscribe(() => {
    const { unreadCount, phase } = store.getState();
    // The chat view loads as soon as a chat is on its way, alongside the SDK.
    if (phase !== 'idle' && phase !== 'form') chatView.load().catch(() => undefined);
    if (unreadCount !== lastUnread) {
      lastUnread = unreadCount;
      options.onUnread(unreadCount);
    }
  });
  // Escape anywhere in the panel minimizes it, like the header's button.
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    options.onClose();
  };
  options.container.addEventListener('keydown', onKeyDown);
  paint();
  void store.start();
  return {
    setOpen(next) {
      open = next;
      if (!open) store.setAttention(false);
      paint();
    },
    async destroy() {
      options.container.removeEventListener('keydown', onKeyDown);
      render(null, options.container);
      await store.destroy();
    },
  };
}
