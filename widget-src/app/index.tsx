/**
 * The chat app, loaded by the loader on first open (or at page load when a saved session exists)
 * through its chunk entry (chunk.ts). Exports `mount` only: see common/app-contract.ts.
 */
import { render, type ComponentChildren } from 'preact';
import { createApi } from '../api/client';
import { identitySource } from '../api/identity';
import type { AppHandle, MountOptions } from '../common/app-contract';
import { adoptStyles } from '../common/adopt-styles';
import { loadChunk, type ChunkPaths } from '../common/chunks';
import { removeAll } from '../common/storage';
import { createTransport } from '../transport/create-transport';
import { AppRoot } from './components/app-root';
import { PanelFrame } from './components/panel-frame/panel-frame';
import { StatusView } from './components/status-view/status-view';
import { trackEngagement } from './components/use-focus-when-open';
import { applyLanguage } from './i18n/load-texts';
import { launcherLabel } from './i18n/launcher-texts';
import { t } from './i18n/translate';
import { chatViewLoader } from './load-chat-view';
import { viewLoader } from './view-loader';
import { startFormLoader } from './form/load-start-form';
import { applyLook, layer, NOT_ALLOWED, serverSettings } from './settings/server-settings';
import type { Availability } from '../../contract/contact-center-api';
import { resolveAppConfig } from './settings/app-config';
import { ChatStore } from './store/chat-store';
import { localSessionStore } from './store/local-session-store';
import { appCss } from './app-css';

/** Chunk paths relative to the loader, injected by scripts/build/build-widget.ts. */
declare const __WEBCHAT_CHUNKS__: Omit<ChunkPaths, 'app' | 'transcript'>;

/**
 * Renders the app into the panel (`options.container`) and starts (or resumes) the chat once the
 * deployment's settings are in (server-settings.ts), showing that it is loading until then.
 */
export function mount(options: MountOptions): AppHandle {
  adoptStyles(options.shadowRoot, appCss);
  trackEngagement(options.shadowRoot);
  const chatView = chatViewLoader(options.shadowRoot, options.loaderUrl);
  const startForm = startFormLoader(options.loaderUrl);
  const form = viewLoader(options.shadowRoot, startForm);
  const offline = viewLoader(options.shadowRoot, () => loadChunk('offline', new URL(__WEBCHAT_CHUNKS__.offline, options.loaderUrl).href));
  // Without a saved chat the form comes next: its chunk loads beside the deployment's settings, and
  // the app waits for both, so the form shows at once (a failure shows when the form is due).
  const formReady = localSessionStore.load() === null ? form.load().catch(() => undefined) : undefined;
  let open = options.open;
  let destroyed = false;
  let store: ChatStore | null = null;
  /** Stops what the chat tells the page (the chat-view chunk's part, page-events.ts). */
  let unwatch: Promise<() => void> | null = null;
  const frame = (title: string, view: ComponentChildren) =>
    render(
      <PanelFrame title={title} onClose={options.onClose}>
        {view}
      </PanelFrame>,
      options.container,
    );
  // The page's own setting only: a deployment's settings never sign anyone in.
  const identity = identitySource(options.config);
  let paint = (): void => frame(resolveAppConfig(options.config).title, <StatusView text={t('loading')} />);
  // Escape anywhere in the panel minimizes it, like the header's button.
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    options.onClose();
  };
  options.container.addEventListener('keydown', onKeyDown);
  paint();
  const started = serverSettings(options.serverUrl).then(async (answer) => {
    await formReady;
    if (destroyed) return;
    const server = answer === NOT_ALLOWED ? {} : answer;
    const settings = layer({ ...server }, { ...options.config });
    const chosen = applyLanguage(settings);
    const { locale, dir } = chosen instanceof Promise ? await chosen : chosen;
    if (destroyed) return;
    // The panel is the app's root: its language and direction reach everything inside it.
    options.container.lang = locale;
    options.container.dir = dir;
    applyLook(options.shadowRoot, server, settings);
    const config = resolveAppConfig(settings);
    if (answer === NOT_ALLOWED) {
      // Said where the site owner looks, naming what to change; the visitor learns it at once, not after the form.
      console.error(`Twilio webchat: this page's origin ${location.origin} is not in ALLOWED_ORIGINS of ${options.serverUrl}; add it there.`);
      paint = () => frame(config.title, <StatusView text={t('notAllowed')} />);
      paint();
      return;
    }
    // Checked by the closed view's chunk, which is all that reads more than `open`.
    const { availability } = server as { availability?: Availability };
    const chat = new ChatStore({
      config,
      api: createApi(options.serverUrl, (call) => startForm().then((chunk) => chunk.startCalls(call)), undefined, identity),
      startForm,
      // The deployment's word alone: a page cannot open a closed chat (initWebchat would refuse it anyway).
      availability: availability?.open === false ? availability : null,
      createTransport: (session) => createTransport(session, options.loaderUrl),
      sessions: localSessionStore,
    });
    for (const [name, value] of Object.entries(options.prefill)) chat.setField(name, value);
    let lastUnread = -1;
    paint = () => frame(config.title, <AppRoot store={chat} config={config} open={open} chatView={chatView} form={form} offline={offline} />);
    chat.subscribe(() => {
      const { unreadCount, phase } = chat.getState();
      // The chat view loads as soon as a chat is on its way, alongside the SDK.
      // Only a head start: LazyChatView loads it again when shown, and says so if that fails.
      if (phase !== 'idle' && phase !== 'form' && phase !== 'closed') {
        chatView.load().catch(() => undefined);
        unwatch ??= chatView.module().then((chunk) =>
          chunk.watchPageEvents(chat, config, options.emit, () => localSessionStore.load()?.conversationSid, settings.sound === true),
        );
        // Tried again on the next change; the chat view reports the failure itself.
        unwatch.catch(() => (unwatch = null));
      }
      if (unreadCount !== lastUnread) {
        if (lastUnread !== -1) options.emit('unreadChanged', { count: unreadCount });
        lastUnread = unreadCount;
        options.onUnread(unreadCount);
      }
    });
    store = chat;
    // Started first: it shows the form (or the connecting chat) at once, so the first paint is that view.
    void chat.start();
    paint();
  });
  return {
    launcherLabel: (isOpen, unread) => launcherLabel(isOpen, unread, options.config.strings),
    setOpen(next) {
      open = next;
      if (!open) store?.setAttention(false);
      paint();
    },
    prefill(values) {
      // Before the store exists, options.prefill (which the loader fills) is read when it is made.
      for (const [name, value] of Object.entries(values)) store?.setField(name, value);
    },
    async endChat() {
      await started;
      const chat = store;
      if (chat === null) return;
      // A chat being started or resumed is ended once it is on; without one there is nothing to end.
      await new Promise<void>((settled) => {
        const check = (): void => {
          const { phase } = chat.getState();
          if (phase === 'connecting' || phase === 'submitting') return;
          stop();
          settled();
        };
        const stop = chat.subscribe(check);
        check();
      });
      await chat.endChat();
    },
    async logout() {
      // Before the chat starts or resumes, if it has not yet: it then finds nothing of theirs.
      identity.forget();
      removeAll();
      await started;
      await store?.signOut();
      // Again after the teardown, which may have saved a draft meanwhile.
      removeAll();
    },
    async destroy() {
      destroyed = true;
      void unwatch?.then((stop) => stop(), () => undefined);
      options.container.removeEventListener('keydown', onKeyDown);
      await started;
      render(null, options.container);
      await store?.destroy();
    },
  };
}
