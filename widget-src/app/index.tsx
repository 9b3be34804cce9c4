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
import { StatusView } from './components/status-view/status-view';
import { trackEngagement } from './components/use-focus-when-open';
import { resolveAppConfig } from './store/app-config';
import { ChatStore } from './store/chat-store';
import { localSessionStore } from './store/local-session-store';
import { applyLook, layer, serverSettings } from './server-settings';
import { appCss } from './styles';

/**
 * Renders the app into `options.container` and starts (or resumes) the chat once the deployment's
 * settings are in (server-settings.ts), showing that it is loading until then.
 */
export function mount(options: MountOptions): AppHandle {
  adoptStyles(options.shadowRoot, appCss);
  trackEngagement(options.shadowRoot);
  let open = options.open;
  let destroyed = false;
  let store: ChatStore | null = null;
  let paint = (): void => undefined;
  render(<StatusView text="Loading chat…" />, options.container);
  const started = serverSettings(options.serverUrl).then((server) => {
    if (destroyed) return;
    const settings = layer({ ...server }, { ...options.config });
    applyLook(options.shadowRoot, server, settings);
    const config = resolveAppConfig(settings);
    const chat = new ChatStore({
      config,
      api: createApi(options.serverUrl),
      createTransport: (session) => createTransport(session, options.loaderUrl),
      sessions: localSessionStore,
    });
    let lastUnread = -1;
    paint = () => render(<AppRoot store={chat} config={config} open={open} />, options.container);
    chat.subscribe(() => {
      const { unreadCount } = chat.getState();
      if (unreadCount !== lastUnread) {
        lastUnread = unreadCount;
        options.onUnread(unreadCount);
      }
    });
    store = chat;
    paint();
    void chat.start();
  });
  return {
    setOpen(next) {
      open = next;
      // Before the settings are in there is nothing to repaint: the first paint reads `open`.
      if (!open) store?.setAttention(false);
      paint();
    },
    async destroy() {
      destroyed = true;
      await started;
      render(null, options.container);
      await store?.destroy();
    },
  };
}
